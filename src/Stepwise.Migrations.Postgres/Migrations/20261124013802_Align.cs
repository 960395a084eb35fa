using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stepwise.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Align : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PriorityStacks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriorityStacks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PriorityStacks_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Rfcs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    AuthorName = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Circle = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    FinalCommentEndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PromptedByLessonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Tags = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rfcs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Rfcs_GovernedDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "GovernedDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Rfcs_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PriorityChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StackId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ItemTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromRank = table.Column<int>(type: "integer", nullable: true),
                    ToRank = table.Column<int>(type: "integer", nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    By = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    ByPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VersionAfter = table.Column<int>(type: "integer", nullable: false),
                    OrderAfter = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriorityChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PriorityChanges_PriorityStacks_StackId",
                        column: x => x.StackId,
                        principalTable: "PriorityStacks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PriorityItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StackId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RetiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriorityItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PriorityItems_PriorityStacks_StackId",
                        column: x => x.StackId,
                        principalTable: "PriorityStacks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RfcApprovals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RfcId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RfcApprovals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RfcApprovals_Rfcs_RfcId",
                        column: x => x.RfcId,
                        principalTable: "Rfcs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RfcConcerns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RfcId = table.Column<Guid>(type: "uuid", nullable: false),
                    RaisedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RaisedBy = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Blocking = table.Column<bool>(type: "boolean", nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LiftedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LiftNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RfcConcerns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RfcConcerns_Rfcs_RfcId",
                        column: x => x.RfcId,
                        principalTable: "Rfcs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RfcRevisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RfcId = table.Column<Guid>(type: "uuid", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Markdown = table.Column<string>(type: "text", nullable: false),
                    By = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RfcRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RfcRevisions_Rfcs_RfcId",
                        column: x => x.RfcId,
                        principalTable: "Rfcs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Duhbs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    PriorityItemId = table.Column<Guid>(type: "uuid", nullable: true),
                    AuthorUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    AuthorName = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Data = table.Column<string>(type: "text", nullable: false),
                    DataPoints = table.Column<string>(type: "text", nullable: false),
                    Links = table.Column<string>(type: "text", nullable: false),
                    Understanding = table.Column<string>(type: "text", nullable: false),
                    Hypotheses = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Duhbs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Duhbs_PriorityItems_PriorityItemId",
                        column: x => x.PriorityItemId,
                        principalTable: "PriorityItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Duhbs_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FeaturePriorities",
                columns: table => new
                {
                    FeatureId = table.Column<Guid>(type: "uuid", nullable: false),
                    PriorityItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    LinkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LinkedBy = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeaturePriorities", x => x.FeatureId);
                    table.ForeignKey(
                        name: "FK_FeaturePriorities_Features_FeatureId",
                        column: x => x.FeatureId,
                        principalTable: "Features",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FeaturePriorities_PriorityItems_PriorityItemId",
                        column: x => x.PriorityItemId,
                        principalTable: "PriorityItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Goals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MeasureName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MeasureUnit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FromValue = table.Column<double>(type: "double precision", nullable: false),
                    ToValue = table.Column<double>(type: "double precision", nullable: false),
                    StartOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    PriorityItemId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Goals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Goals_Goals_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Goals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Goals_PriorityItems_PriorityItemId",
                        column: x => x.PriorityItemId,
                        principalTable: "PriorityItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Goals_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DuhbBets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DuhbId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HypothesisStatement = table.Column<string>(type: "text", nullable: false),
                    SuccessMetrics = table.Column<string>(type: "text", nullable: false),
                    GuardrailMetrics = table.Column<string>(type: "text", nullable: false),
                    SquadId = table.Column<Guid>(type: "uuid", nullable: false),
                    FeatureId = table.Column<Guid>(type: "uuid", nullable: true),
                    ConvertedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConvertedBy = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuhbBets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DuhbBets_Duhbs_DuhbId",
                        column: x => x.DuhbId,
                        principalTable: "Duhbs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DuhbBets_Features_FeatureId",
                        column: x => x.FeatureId,
                        principalTable: "Features",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_DuhbBets_Units_SquadId",
                        column: x => x.SquadId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DuhbComments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DuhbId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuhbComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DuhbComments_Duhbs_DuhbId",
                        column: x => x.DuhbId,
                        principalTable: "Duhbs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DuhbEndorsements",
                columns: table => new
                {
                    DuhbId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuhbEndorsements", x => new { x.DuhbId, x.UserId });
                    table.ForeignKey(
                        name: "FK_DuhbEndorsements_Duhbs_DuhbId",
                        column: x => x.DuhbId,
                        principalTable: "Duhbs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GoalCheckIns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GoalId = table.Column<Guid>(type: "uuid", nullable: false),
                    WeekOf = table.Column<DateOnly>(type: "date", nullable: false),
                    Commitments = table.Column<string>(type: "text", nullable: false),
                    PreviousKept = table.Column<int>(type: "integer", nullable: true),
                    PreviousTotal = table.Column<int>(type: "integer", nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    By = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GoalCheckIns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GoalCheckIns_Goals_GoalId",
                        column: x => x.GoalId,
                        principalTable: "Goals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GoalMeasurements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GoalId = table.Column<Guid>(type: "uuid", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GoalMeasurements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GoalMeasurements_Goals_GoalId",
                        column: x => x.GoalId,
                        principalTable: "Goals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DuhbBets_DuhbId",
                table: "DuhbBets",
                column: "DuhbId");

            migrationBuilder.CreateIndex(
                name: "IX_DuhbBets_FeatureId",
                table: "DuhbBets",
                column: "FeatureId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DuhbBets_SquadId",
                table: "DuhbBets",
                column: "SquadId");

            migrationBuilder.CreateIndex(
                name: "IX_DuhbComments_DuhbId_At",
                table: "DuhbComments",
                columns: new[] { "DuhbId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Duhbs_PriorityItemId",
                table: "Duhbs",
                column: "PriorityItemId");

            migrationBuilder.CreateIndex(
                name: "IX_Duhbs_UnitId_State",
                table: "Duhbs",
                columns: new[] { "UnitId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_FeaturePriorities_PriorityItemId",
                table: "FeaturePriorities",
                column: "PriorityItemId");

            migrationBuilder.CreateIndex(
                name: "IX_GoalCheckIns_GoalId_WeekOf",
                table: "GoalCheckIns",
                columns: new[] { "GoalId", "WeekOf" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GoalMeasurements_GoalId_On",
                table: "GoalMeasurements",
                columns: new[] { "GoalId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_Goals_ParentId",
                table: "Goals",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_Goals_PriorityItemId",
                table: "Goals",
                column: "PriorityItemId");

            migrationBuilder.CreateIndex(
                name: "IX_Goals_UnitId_Kind_Status",
                table: "Goals",
                columns: new[] { "UnitId", "Kind", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_PriorityChanges_StackId_At",
                table: "PriorityChanges",
                columns: new[] { "StackId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_PriorityChanges_StackId_VersionAfter",
                table: "PriorityChanges",
                columns: new[] { "StackId", "VersionAfter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PriorityItems_StackId",
                table: "PriorityItems",
                column: "StackId");

            migrationBuilder.CreateIndex(
                name: "IX_PriorityStacks_UnitId",
                table: "PriorityStacks",
                column: "UnitId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RfcApprovals_RfcId_UserId_Revision",
                table: "RfcApprovals",
                columns: new[] { "RfcId", "UserId", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RfcConcerns_RfcId",
                table: "RfcConcerns",
                column: "RfcId");

            migrationBuilder.CreateIndex(
                name: "IX_RfcRevisions_RfcId_Revision",
                table: "RfcRevisions",
                columns: new[] { "RfcId", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Rfcs_DocumentId",
                table: "Rfcs",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_Rfcs_Number",
                table: "Rfcs",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Rfcs_State",
                table: "Rfcs",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_Rfcs_UnitId",
                table: "Rfcs",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DuhbBets");

            migrationBuilder.DropTable(
                name: "DuhbComments");

            migrationBuilder.DropTable(
                name: "DuhbEndorsements");

            migrationBuilder.DropTable(
                name: "FeaturePriorities");

            migrationBuilder.DropTable(
                name: "GoalCheckIns");

            migrationBuilder.DropTable(
                name: "GoalMeasurements");

            migrationBuilder.DropTable(
                name: "PriorityChanges");

            migrationBuilder.DropTable(
                name: "RfcApprovals");

            migrationBuilder.DropTable(
                name: "RfcConcerns");

            migrationBuilder.DropTable(
                name: "RfcRevisions");

            migrationBuilder.DropTable(
                name: "Duhbs");

            migrationBuilder.DropTable(
                name: "Goals");

            migrationBuilder.DropTable(
                name: "Rfcs");

            migrationBuilder.DropTable(
                name: "PriorityItems");

            migrationBuilder.DropTable(
                name: "PriorityStacks");
        }
    }
}
