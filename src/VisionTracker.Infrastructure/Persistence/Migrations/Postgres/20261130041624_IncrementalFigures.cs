using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VisionTracker.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IncrementalFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CheckIns_ActionId_At",
                table: "CheckIns");

            migrationBuilder.DropIndex(
                name: "IX_CheckIns_KeyResultId_At",
                table: "CheckIns");

            migrationBuilder.AddColumn<int>(
                name: "ConfidenceCount",
                table: "PeriodFigures",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<double>(
                name: "ConfidenceSum",
                table: "PeriodFigures",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "ProgressCount",
                table: "PeriodFigures",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<double>(
                name: "ProgressSum",
                table: "PeriodFigures",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<List<Guid>>(
                name: "CountedThemeIds",
                table: "Goals",
                type: "uuid[]",
                nullable: false);

            migrationBuilder.AddColumn<int>(
                name: "Share_Actions",
                table: "Goals",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "Share_Aligned",
                table: "Goals",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Share_Counted",
                table: "Goals",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Share_KeyResults",
                table: "Goals",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Share_KeyResultsWithAction",
                table: "Goals",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "Share_Orphan",
                table: "Goals",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "OrgUnitId",
                table: "CheckIns",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Check-ins already stored take the unit of their key result's goal or of their action.
            migrationBuilder.Sql("""
                UPDATE "CheckIns" SET "OrgUnitId" = (SELECT g."OwnerUnitId" FROM "KeyResults" k JOIN "Goals" g ON g."Id" = k."GoalId" WHERE k."Id" = "CheckIns"."KeyResultId")
                WHERE "KeyResultId" IS NOT NULL
                """);
            migrationBuilder.Sql("""
                UPDATE "CheckIns" SET "OrgUnitId" = (SELECT a."OrgUnitId" FROM "Actions" a WHERE a."Id" = "CheckIns"."ActionId")
                WHERE "ActionId" IS NOT NULL
                """);

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_ActionId_At_Id",
                table: "CheckIns",
                columns: new[] { "ActionId", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_KeyResultId_At_Id",
                table: "CheckIns",
                columns: new[] { "KeyResultId", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_OrgUnitId",
                table: "CheckIns",
                column: "OrgUnitId");

            migrationBuilder.AddForeignKey(
                name: "FK_CheckIns_OrgUnits_OrgUnitId",
                table: "CheckIns",
                column: "OrgUnitId",
                principalTable: "OrgUnits",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CheckIns_OrgUnits_OrgUnitId",
                table: "CheckIns");

            migrationBuilder.DropIndex(
                name: "IX_CheckIns_ActionId_At_Id",
                table: "CheckIns");

            migrationBuilder.DropIndex(
                name: "IX_CheckIns_KeyResultId_At_Id",
                table: "CheckIns");

            migrationBuilder.DropIndex(
                name: "IX_CheckIns_OrgUnitId",
                table: "CheckIns");

            migrationBuilder.DropColumn(
                name: "ConfidenceCount",
                table: "PeriodFigures");

            migrationBuilder.DropColumn(
                name: "ConfidenceSum",
                table: "PeriodFigures");

            migrationBuilder.DropColumn(
                name: "ProgressCount",
                table: "PeriodFigures");

            migrationBuilder.DropColumn(
                name: "ProgressSum",
                table: "PeriodFigures");

            migrationBuilder.DropColumn(
                name: "CountedThemeIds",
                table: "Goals");

            migrationBuilder.DropColumn(
                name: "Share_Actions",
                table: "Goals");

            migrationBuilder.DropColumn(
                name: "Share_Aligned",
                table: "Goals");

            migrationBuilder.DropColumn(
                name: "Share_Counted",
                table: "Goals");

            migrationBuilder.DropColumn(
                name: "Share_KeyResults",
                table: "Goals");

            migrationBuilder.DropColumn(
                name: "Share_KeyResultsWithAction",
                table: "Goals");

            migrationBuilder.DropColumn(
                name: "Share_Orphan",
                table: "Goals");

            migrationBuilder.DropColumn(
                name: "OrgUnitId",
                table: "CheckIns");

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_ActionId_At",
                table: "CheckIns",
                columns: new[] { "ActionId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_KeyResultId_At",
                table: "CheckIns",
                columns: new[] { "KeyResultId", "At" });
        }
    }
}
