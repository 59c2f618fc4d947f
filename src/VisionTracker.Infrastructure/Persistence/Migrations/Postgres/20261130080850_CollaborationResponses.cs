using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VisionTracker.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CollaborationResponses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "RespondedAt",
                table: "Collaborations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RespondedById",
                table: "Collaborations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Response",
                table: "Collaborations",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResponseComment",
                table: "Collaborations",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            // Collaborations that name a unit or a goal were made before anyone could answer them: they wait for an answer.
            migrationBuilder.Sql("UPDATE \"Collaborations\" SET \"Response\" = 'Pending' WHERE \"PartnerUnitId\" IS NOT NULL OR \"PartnerGoalId\" IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RespondedAt",
                table: "Collaborations");

            migrationBuilder.DropColumn(
                name: "RespondedById",
                table: "Collaborations");

            migrationBuilder.DropColumn(
                name: "Response",
                table: "Collaborations");

            migrationBuilder.DropColumn(
                name: "ResponseComment",
                table: "Collaborations");
        }
    }
}
