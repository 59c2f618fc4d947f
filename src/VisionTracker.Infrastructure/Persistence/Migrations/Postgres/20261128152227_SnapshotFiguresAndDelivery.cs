using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VisionTracker.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SnapshotFiguresAndDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProgressSnapshots_SubjectKind_SubjectId_Date",
                table: "ProgressSnapshots");

            migrationBuilder.AddColumn<int>(
                name: "ActionCount",
                table: "ProgressSnapshots",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "AlignedGoalCount",
                table: "ProgressSnapshots",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "CollaboratingGoalCount",
                table: "ProgressSnapshots",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "GoalCount",
                table: "ProgressSnapshots",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "IsFinal",
                table: "ProgressSnapshots",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "KeyResultCount",
                table: "ProgressSnapshots",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "KeyResultsWithActionCount",
                table: "ProgressSnapshots",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "OrgUnitId",
                table: "ProgressSnapshots",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OrphanGoalCount",
                table: "ProgressSnapshots",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "StaleKeyResultCount",
                table: "ProgressSnapshots",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "TakenAt",
                table: "ProgressSnapshots",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "Notifications",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "FailedAt",
                table: "Notifications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Html",
                table: "Notifications",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "Notifications",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAt",
                table: "Notifications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgressSnapshots_OrgUnitId",
                table: "ProgressSnapshots",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressSnapshots_SubjectKind_SubjectId_PeriodId_Date",
                table: "ProgressSnapshots",
                columns: new[] { "SubjectKind", "SubjectId", "PeriodId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_SentAt_NextAttemptAt",
                table: "Notifications",
                columns: new[] { "SentAt", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProgressSnapshots_OrgUnitId",
                table: "ProgressSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_ProgressSnapshots_SubjectKind_SubjectId_PeriodId_Date",
                table: "ProgressSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_SentAt_NextAttemptAt",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "ActionCount",
                table: "ProgressSnapshots");

            migrationBuilder.DropColumn(
                name: "AlignedGoalCount",
                table: "ProgressSnapshots");

            migrationBuilder.DropColumn(
                name: "CollaboratingGoalCount",
                table: "ProgressSnapshots");

            migrationBuilder.DropColumn(
                name: "GoalCount",
                table: "ProgressSnapshots");

            migrationBuilder.DropColumn(
                name: "IsFinal",
                table: "ProgressSnapshots");

            migrationBuilder.DropColumn(
                name: "KeyResultCount",
                table: "ProgressSnapshots");

            migrationBuilder.DropColumn(
                name: "KeyResultsWithActionCount",
                table: "ProgressSnapshots");

            migrationBuilder.DropColumn(
                name: "OrgUnitId",
                table: "ProgressSnapshots");

            migrationBuilder.DropColumn(
                name: "OrphanGoalCount",
                table: "ProgressSnapshots");

            migrationBuilder.DropColumn(
                name: "StaleKeyResultCount",
                table: "ProgressSnapshots");

            migrationBuilder.DropColumn(
                name: "TakenAt",
                table: "ProgressSnapshots");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "FailedAt",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "Html",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "Notifications");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressSnapshots_SubjectKind_SubjectId_Date",
                table: "ProgressSnapshots",
                columns: new[] { "SubjectKind", "SubjectId", "Date" },
                unique: true);
        }
    }
}
