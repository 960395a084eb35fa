using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stepwise.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Learn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FailPosts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WhatFailed = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    WhatWeLearned = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AuthorUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FailPosts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FailPosts_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LearnFeedTokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LearnFeedTokens", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "LearnSearchDocuments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RetrospectiveId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LessonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Tags = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    IsPrivate = table.Column<bool>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LearnSearchDocuments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LearnWebhooks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LearnWebhooks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Retrospectives",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SubjectKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SubjectRef = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OwnerUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Tags = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    IsPrivate = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Decisions = table.Column<string>(type: "TEXT", nullable: false),
                    FacilitatorUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Retrospectives", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Retrospectives_Units_OwnerUnitId",
                        column: x => x.OwnerUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FailReactions",
                columns: table => new
                {
                    PostId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FailReactions", x => new { x.PostId, x.UserId, x.Kind });
                    table.ForeignKey(
                        name: "FK_FailReactions_FailPosts_PostId",
                        column: x => x.PostId,
                        principalTable: "FailPosts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LearnWebhookDeliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastStatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LearnWebhookDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LearnWebhookDeliveries_LearnWebhooks_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "LearnWebhooks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Lessons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RetrospectiveId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Lessons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Lessons_Retrospectives_RetrospectiveId",
                        column: x => x.RetrospectiveId,
                        principalTable: "Retrospectives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RetroActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RetrospectiveId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetroActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RetroActions_Retrospectives_RetrospectiveId",
                        column: x => x.RetrospectiveId,
                        principalTable: "Retrospectives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RetroContributions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RetrospectiveId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Group = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AuthorUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetroContributions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RetroContributions_Retrospectives_RetrospectiveId",
                        column: x => x.RetrospectiveId,
                        principalTable: "Retrospectives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RetroVotes",
                columns: table => new
                {
                    ContributionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VoterUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RetrospectiveId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetroVotes", x => new { x.ContributionId, x.VoterUserId });
                    table.ForeignKey(
                        name: "FK_RetroVotes_RetroContributions_ContributionId",
                        column: x => x.ContributionId,
                        principalTable: "RetroContributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FailPosts_CreatedAt",
                table: "FailPosts",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_FailPosts_UnitId_CreatedAt",
                table: "FailPosts",
                columns: new[] { "UnitId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LearnFeedTokens_Hash",
                table: "LearnFeedTokens",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LearnSearchDocuments_HeldOn",
                table: "LearnSearchDocuments",
                column: "HeldOn");

            migrationBuilder.CreateIndex(
                name: "IX_LearnSearchDocuments_RetrospectiveId",
                table: "LearnSearchDocuments",
                column: "RetrospectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_LearnSearchDocuments_UnitId_HeldOn",
                table: "LearnSearchDocuments",
                columns: new[] { "UnitId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_LearnWebhookDeliveries_CreatedAt",
                table: "LearnWebhookDeliveries",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_LearnWebhookDeliveries_State_NextAttemptAt",
                table: "LearnWebhookDeliveries",
                columns: new[] { "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LearnWebhookDeliveries_SubscriptionId",
                table: "LearnWebhookDeliveries",
                column: "SubscriptionId");

            migrationBuilder.CreateIndex(
                name: "IX_Lessons_RetrospectiveId",
                table: "Lessons",
                column: "RetrospectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_RetroActions_OwnerUnitId_Status",
                table: "RetroActions",
                columns: new[] { "OwnerUnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_RetroActions_RetrospectiveId",
                table: "RetroActions",
                column: "RetrospectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_RetroContributions_RetrospectiveId",
                table: "RetroContributions",
                column: "RetrospectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_RetroVotes_RetrospectiveId",
                table: "RetroVotes",
                column: "RetrospectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_Retrospectives_OwnerUnitId_HeldOn",
                table: "Retrospectives",
                columns: new[] { "OwnerUnitId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Retrospectives_SubjectKind_SubjectRef",
                table: "Retrospectives",
                columns: new[] { "SubjectKind", "SubjectRef" });

            // Full-text index of the search documents (FTS5, external content): the triggers keep it in step with every
            // insert, update and delete, whichever path writes the rows (SaveChanges or a bulk insert).
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE LearnSearchFts USING fts5(Title, Body, content='LearnSearchDocuments', content_rowid='Id', tokenize='porter unicode61');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER LearnSearchDocuments_ai AFTER INSERT ON LearnSearchDocuments BEGIN
                  INSERT INTO LearnSearchFts(rowid, Title, Body) VALUES (new.Id, new.Title, new.Body);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER LearnSearchDocuments_ad AFTER DELETE ON LearnSearchDocuments BEGIN
                  INSERT INTO LearnSearchFts(LearnSearchFts, rowid, Title, Body) VALUES ('delete', old.Id, old.Title, old.Body);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER LearnSearchDocuments_au AFTER UPDATE ON LearnSearchDocuments BEGIN
                  INSERT INTO LearnSearchFts(LearnSearchFts, rowid, Title, Body) VALUES ('delete', old.Id, old.Title, old.Body);
                  INSERT INTO LearnSearchFts(rowid, Title, Body) VALUES (new.Id, new.Title, new.Body);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS LearnSearchDocuments_ai;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS LearnSearchDocuments_ad;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS LearnSearchDocuments_au;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS LearnSearchFts;");

            migrationBuilder.DropTable(
                name: "FailReactions");

            migrationBuilder.DropTable(
                name: "LearnFeedTokens");

            migrationBuilder.DropTable(
                name: "LearnSearchDocuments");

            migrationBuilder.DropTable(
                name: "LearnWebhookDeliveries");

            migrationBuilder.DropTable(
                name: "Lessons");

            migrationBuilder.DropTable(
                name: "RetroActions");

            migrationBuilder.DropTable(
                name: "RetroVotes");

            migrationBuilder.DropTable(
                name: "FailPosts");

            migrationBuilder.DropTable(
                name: "LearnWebhooks");

            migrationBuilder.DropTable(
                name: "RetroContributions");

            migrationBuilder.DropTable(
                name: "Retrospectives");
        }
    }
}
