using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VisionTracker.Infrastructure.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            // Existing check-ins get their day in Copenhagen (the default Figures:TimeZone; SQLite has no time zones, so
            // the EU rule: summer time from 01:00 UTC on March's last Sunday to 01:00 UTC on October's); new ones get it when written.
            migrationBuilder.Sql("""
                UPDATE "CheckIns" SET "LocalDate" = date("At", CASE
                    WHEN "At" >= date(strftime('%Y', "At") || '-03-25', 'weekday 0') || ' 01:00:00'
                     AND "At" < date(strftime('%Y', "At") || '-10-25', 'weekday 0') || ' 01:00:00' THEN '+2 hours'
                    ELSE '+1 hours' END);
                """);

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
