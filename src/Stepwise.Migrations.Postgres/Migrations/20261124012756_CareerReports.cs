using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stepwise.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CareerReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StepSimulations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TribeId = table.Column<Guid>(type: "uuid", nullable: true),
                    PopulationOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedByPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StepSimulations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SimulationEstimates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SimulationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ManagerId = table.Column<Guid>(type: "uuid", nullable: true),
                    TribeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Level = table.Column<int>(type: "integer", nullable: true),
                    EstimatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EstimatedBy = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SimulationEstimates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SimulationEstimates_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SimulationEstimates_StepSimulations_SimulationId",
                        column: x => x.SimulationId,
                        principalTable: "StepSimulations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StepRecords_Latest",
                table: "StepRecords",
                columns: new[] { "PersonId", "EffectiveOn", "RecordedAt", "Level", "EndedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SimulationEstimates_PersonId",
                table: "SimulationEstimates",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_SimulationEstimates_SimulationId_ManagerId",
                table: "SimulationEstimates",
                columns: new[] { "SimulationId", "ManagerId" });

            migrationBuilder.CreateIndex(
                name: "IX_SimulationEstimates_SimulationId_PersonId",
                table: "SimulationEstimates",
                columns: new[] { "SimulationId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StepSimulations_CreatedAt",
                table: "StepSimulations",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SimulationEstimates");

            migrationBuilder.DropTable(
                name: "StepSimulations");

            migrationBuilder.DropIndex(
                name: "IX_StepRecords_Latest",
                table: "StepRecords");
        }
    }
}
