using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stepwise.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DeliveryLoop : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Surface",
                table: "Flags",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CollisionAcknowledgements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Environment = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    SubjectKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubjectKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Collisions = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CollisionAcknowledgements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Features",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    OwnerUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PhaseSince = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstValueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FullReleaseAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HypothesisStatement = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SuccessMetrics = table.Column<string>(type: "TEXT", nullable: false),
                    GuardrailMetrics = table.Column<string>(type: "TEXT", nullable: false),
                    FlagKeys = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Features", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Features_Units_OwnerUnitId",
                        column: x => x.OwnerUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GateDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FeatureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    FromPhase = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ToPhase = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Rationale = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", nullable: false),
                    MeasuredEffect = table.Column<double>(type: "REAL", nullable: true),
                    DecidedByPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GateDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GateDecisions_Features_FeatureId",
                        column: x => x.FeatureId,
                        principalTable: "Features",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InvestmentEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FeatureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WeekStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PersonWeeks = table.Column<double>(type: "REAL", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvestmentEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvestmentEntries_Features_FeatureId",
                        column: x => x.FeatureId,
                        principalTable: "Features",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SquadAllocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FeatureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Share = table.Column<double>(type: "REAL", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SquadAllocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SquadAllocations_Features_FeatureId",
                        column: x => x.FeatureId,
                        principalTable: "Features",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CollisionAcknowledgements_AcknowledgedAt",
                table: "CollisionAcknowledgements",
                column: "AcknowledgedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Features_Key",
                table: "Features",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Features_OwnerUnitId",
                table: "Features",
                column: "OwnerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Features_Phase",
                table: "Features",
                column: "Phase");

            migrationBuilder.CreateIndex(
                name: "IX_GateDecisions_FeatureId_DecidedAt",
                table: "GateDecisions",
                columns: new[] { "FeatureId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InvestmentEntries_FeatureId_WeekStart",
                table: "InvestmentEntries",
                columns: new[] { "FeatureId", "WeekStart" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SquadAllocations_FeatureId",
                table: "SquadAllocations",
                column: "FeatureId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CollisionAcknowledgements");

            migrationBuilder.DropTable(
                name: "GateDecisions");

            migrationBuilder.DropTable(
                name: "InvestmentEntries");

            migrationBuilder.DropTable(
                name: "SquadAllocations");

            migrationBuilder.DropTable(
                name: "Features");

            migrationBuilder.DropColumn(
                name: "Surface",
                table: "Flags");
        }
    }
}
