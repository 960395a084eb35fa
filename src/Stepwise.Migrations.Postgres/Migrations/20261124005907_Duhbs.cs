using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stepwise.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Duhbs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "Duhbs");
        }
    }
}
