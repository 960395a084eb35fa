using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stepwise.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class GuardedRollouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AwaitingApproval",
                table: "RolloutPlans",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Guard",
                table: "RolloutPlans",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AnalysisSnapshots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubjectKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RolloutPlanId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Stage = table.Column<int>(type: "INTEGER", nullable: true),
                    AsOf = table.Column<long>(type: "INTEGER", nullable: false),
                    Units = table.Column<long>(type: "INTEGER", nullable: false),
                    SrmPValue = table.Column<double>(type: "REAL", nullable: true),
                    SrmMismatch = table.Column<bool>(type: "INTEGER", nullable: false),
                    Recommendation = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RequiredUnits = table.Column<long>(type: "INTEGER", nullable: true),
                    Metrics = table.Column<string>(type: "TEXT", nullable: false),
                    GuardAction = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    GuardReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalysisSnapshots", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnalysisSnapshots_RolloutPlanId_AsOf",
                table: "AnalysisSnapshots",
                columns: new[] { "RolloutPlanId", "AsOf" });

            migrationBuilder.CreateIndex(
                name: "IX_AnalysisSnapshots_Subject_SubjectKey_AsOf",
                table: "AnalysisSnapshots",
                columns: new[] { "Subject", "SubjectKey", "AsOf" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnalysisSnapshots");

            migrationBuilder.DropColumn(
                name: "AwaitingApproval",
                table: "RolloutPlans");

            migrationBuilder.DropColumn(
                name: "Guard",
                table: "RolloutPlans");
        }
    }
}
