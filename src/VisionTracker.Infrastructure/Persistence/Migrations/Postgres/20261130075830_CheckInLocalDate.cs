using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VisionTracker.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CheckInLocalDate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "LocalDate",
                table: "CheckIns",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            // Existing check-ins get their day in Copenhagen (the default Figures:TimeZone); new ones get it when written.
            migrationBuilder.Sql("""UPDATE "CheckIns" SET "LocalDate" = ("At" AT TIME ZONE 'Europe/Copenhagen')::date;""");

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_LocalDate",
                table: "CheckIns",
                column: "LocalDate");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CheckIns_LocalDate",
                table: "CheckIns");

            migrationBuilder.DropColumn(
                name: "LocalDate",
                table: "CheckIns");
        }
    }
}
