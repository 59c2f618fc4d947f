using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VisionTracker.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReflectionAnswersAndFoundationActions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<Guid>>(
                name: "CommittedActionIds",
                table: "LeadershipFoundations",
                type: "uuid[]",
                nullable: false);

            migrationBuilder.CreateTable(
                name: "ReflectionAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CheckInId = table.Column<Guid>(type: "uuid", nullable: true),
                    FoundationId = table.Column<Guid>(type: "uuid", nullable: true),
                    QuestionKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReflectionAnswers", x => x.Id);
                    table.CheckConstraint("CK_ReflectionAnswer_Owner", "(\"CheckInId\" IS NULL) <> (\"FoundationId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_ReflectionAnswers_CheckIns_CheckInId",
                        column: x => x.CheckInId,
                        principalTable: "CheckIns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReflectionAnswers_LeadershipFoundations_FoundationId",
                        column: x => x.FoundationId,
                        principalTable: "LeadershipFoundations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReflectionAnswers_CheckInId_QuestionKey",
                table: "ReflectionAnswers",
                columns: new[] { "CheckInId", "QuestionKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReflectionAnswers_FoundationId_QuestionKey",
                table: "ReflectionAnswers",
                columns: new[] { "FoundationId", "QuestionKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReflectionAnswers");

            migrationBuilder.DropColumn(
                name: "CommittedActionIds",
                table: "LeadershipFoundations");
        }
    }
}
