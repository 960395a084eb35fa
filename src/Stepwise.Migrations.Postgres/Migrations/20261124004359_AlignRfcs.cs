using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stepwise.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AlignRfcs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "RfcApprovals");

            migrationBuilder.DropTable(
                name: "RfcConcerns");

            migrationBuilder.DropTable(
                name: "RfcRevisions");

            migrationBuilder.DropTable(
                name: "Rfcs");
        }
    }
}
