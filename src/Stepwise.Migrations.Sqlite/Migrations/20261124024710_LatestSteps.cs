using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stepwise.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LatestSteps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LatestSteps",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StepRecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LatestSteps", x => x.PersonId);
                    table.ForeignKey(
                        name: "FK_LatestSteps_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Backfill: each person's latest decision from the history they already have (latest effective, then latest recorded).
            migrationBuilder.Sql("""
                INSERT INTO "LatestSteps" ("PersonId", "StepRecordId", "Level", "EffectiveOn", "RecordedAt", "EndedOn")
                SELECT "PersonId", "Id", "Level", "EffectiveOn", "RecordedAt", "EndedOn"
                FROM (SELECT "PersonId", "Id", "Level", "EffectiveOn", "RecordedAt", "EndedOn",
                             ROW_NUMBER() OVER (PARTITION BY "PersonId" ORDER BY "EffectiveOn" DESC, "RecordedAt" DESC) AS "Latest"
                      FROM "StepRecords") AS "Ranked"
                WHERE "Latest" = 1;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LatestSteps");
        }
    }
}
