using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VisionTracker.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KeyResultsByPeriodInKeyOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_KeyResults_PeriodId",
                table: "KeyResults");

            migrationBuilder.CreateIndex(
                name: "IX_KeyResults_PeriodId_Id",
                table: "KeyResults",
                columns: new[] { "PeriodId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_KeyResults_PeriodId_Id",
                table: "KeyResults");

            migrationBuilder.CreateIndex(
                name: "IX_KeyResults_PeriodId",
                table: "KeyResults",
                column: "PeriodId");
        }
    }
}
