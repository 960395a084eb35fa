using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stepwise.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AssessmentCycles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssessmentCycles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    FrameworkKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FrameworkVersion = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    StepCount = table.Column<int>(type: "integer", nullable: false),
                    Characteristics = table.Column<string>(type: "text", nullable: false),
                    SelfDue = table.Column<DateOnly>(type: "date", nullable: false),
                    ManagerDue = table.Column<DateOnly>(type: "date", nullable: false),
                    CalibrationDue = table.Column<DateOnly>(type: "date", nullable: false),
                    FunctionalSyncDue = table.Column<DateOnly>(type: "date", nullable: false),
                    LeadershipReviewDue = table.Column<DateOnly>(type: "date", nullable: false),
                    FinalizeDue = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OpenedBy = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentCycles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CycleParticipants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CycleId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ManagerId = table.Column<Guid>(type: "uuid", nullable: true),
                    TribeId = table.Column<Guid>(type: "uuid", nullable: true),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    Discipline = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CurrentLevel = table.Column<int>(type: "integer", nullable: true),
                    Stage = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SelfLevel = table.Column<int>(type: "integer", nullable: true),
                    ManagerLevel = table.Column<int>(type: "integer", nullable: true),
                    AgreedLevel = table.Column<int>(type: "integer", nullable: true),
                    DiscussionNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ProposedLevel = table.Column<int>(type: "integer", nullable: true),
                    SelfSubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ManagerSubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DiscussedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CalibratedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LeadershipReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LeadershipReviewerId = table.Column<Guid>(type: "uuid", nullable: true),
                    FinalizedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StepRecordId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CycleParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CycleParticipants_AssessmentCycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "AssessmentCycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CycleParticipants_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Ratings = table.Column<string>(type: "text", nullable: false),
                    OverallStep = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SubmittedByPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    SubmittedBy = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentEntries_CycleParticipants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "CycleParticipants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CycleAdjustments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CycleId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Stage = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FromLevel = table.Column<int>(type: "integer", nullable: true),
                    ToLevel = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ByPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    By = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CycleAdjustments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CycleAdjustments_CycleParticipants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "CycleParticipants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentCycles_State",
                table: "AssessmentCycles",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentEntries_ParticipantId_Kind_Revision",
                table: "AssessmentEntries",
                columns: new[] { "ParticipantId", "Kind", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CycleAdjustments_CycleId_Stage",
                table: "CycleAdjustments",
                columns: new[] { "CycleId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_CycleAdjustments_ParticipantId",
                table: "CycleAdjustments",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_CycleParticipants_CycleId_ManagerId",
                table: "CycleParticipants",
                columns: new[] { "CycleId", "ManagerId" });

            migrationBuilder.CreateIndex(
                name: "IX_CycleParticipants_CycleId_PersonId",
                table: "CycleParticipants",
                columns: new[] { "CycleId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CycleParticipants_CycleId_TribeId",
                table: "CycleParticipants",
                columns: new[] { "CycleId", "TribeId" });

            migrationBuilder.CreateIndex(
                name: "IX_CycleParticipants_PersonId",
                table: "CycleParticipants",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessmentEntries");

            migrationBuilder.DropTable(
                name: "CycleAdjustments");

            migrationBuilder.DropTable(
                name: "CycleParticipants");

            migrationBuilder.DropTable(
                name: "AssessmentCycles");
        }
    }
}
