using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stepwise.Migrations.Postgres.Migrations
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
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Guard",
                table: "RolloutPlans",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AnalysisSnapshots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Subject = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubjectKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RolloutPlanId = table.Column<Guid>(type: "uuid", nullable: true),
                    Stage = table.Column<int>(type: "integer", nullable: true),
                    AsOf = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Units = table.Column<long>(type: "bigint", nullable: false),
                    SrmPValue = table.Column<double>(type: "double precision", nullable: true),
                    SrmMismatch = table.Column<bool>(type: "boolean", nullable: false),
                    Recommendation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RequiredUnits = table.Column<long>(type: "bigint", nullable: true),
                    Metrics = table.Column<string>(type: "text", nullable: false),
                    GuardAction = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    GuardReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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
