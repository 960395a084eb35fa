using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stepwise.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Delivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Environments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Environments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Flags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ValueType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DefaultValue = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: false),
                    OwnerUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Archived = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Flags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Flags_Units_OwnerUnitId",
                        column: x => x.OwnerUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Layers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Layers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Segments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Condition = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: false),
                    CreatedByPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Segments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Holdouts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Share = table.Column<double>(type: "REAL", nullable: false),
                    HashAttribute = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EnvironmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LayerIds = table.Column<string>(type: "TEXT", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Holdouts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Holdouts_Environments_EnvironmentId",
                        column: x => x.EnvironmentId,
                        principalTable: "Environments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SdkKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnvironmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SdkKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SdkKeys_Environments_EnvironmentId",
                        column: x => x.EnvironmentId,
                        principalTable: "Environments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FlagEnvironments",
                columns: table => new
                {
                    FlagId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnvironmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Rules = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FlagEnvironments", x => new { x.FlagId, x.EnvironmentId });
                    table.ForeignKey(
                        name: "FK_FlagEnvironments_Environments_EnvironmentId",
                        column: x => x.EnvironmentId,
                        principalTable: "Environments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FlagEnvironments_Flags_FlagId",
                        column: x => x.FlagId,
                        principalTable: "Flags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RolloutPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FlagId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnvironmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: false),
                    HashAttribute = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Seed = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Condition = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: true),
                    Stages = table.Column<string>(type: "TEXT", nullable: false),
                    Holdback = table.Column<double>(type: "REAL", nullable: false),
                    MinimumStageDuration = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    CurrentStage = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    StageStartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HoldbackReleased = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    History = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RolloutPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RolloutPlans_Environments_EnvironmentId",
                        column: x => x.EnvironmentId,
                        principalTable: "Environments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RolloutPlans_Flags_FlagId",
                        column: x => x.FlagId,
                        principalTable: "Flags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Experiments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Hypothesis = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    FlagId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnvironmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Variations = table.Column<string>(type: "TEXT", nullable: false),
                    HashAttribute = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Condition = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: true),
                    Coverage = table.Column<double>(type: "REAL", nullable: false),
                    LayerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LayerShare = table.Column<double>(type: "REAL", nullable: false),
                    RangeStart = table.Column<double>(type: "REAL", nullable: true),
                    RangeEnd = table.Column<double>(type: "REAL", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StoppedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Experiments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Experiments_Environments_EnvironmentId",
                        column: x => x.EnvironmentId,
                        principalTable: "Environments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Experiments_Flags_FlagId",
                        column: x => x.FlagId,
                        principalTable: "Flags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Experiments_Layers_LayerId",
                        column: x => x.LayerId,
                        principalTable: "Layers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Environments_Key",
                table: "Environments",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Experiments_EnvironmentId",
                table: "Experiments",
                column: "EnvironmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Experiments_FlagId",
                table: "Experiments",
                column: "FlagId");

            migrationBuilder.CreateIndex(
                name: "IX_Experiments_Key",
                table: "Experiments",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Experiments_LayerId_Status",
                table: "Experiments",
                columns: new[] { "LayerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_FlagEnvironments_EnvironmentId",
                table: "FlagEnvironments",
                column: "EnvironmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Flags_Key",
                table: "Flags",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Flags_OwnerUnitId",
                table: "Flags",
                column: "OwnerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Holdouts_EnvironmentId",
                table: "Holdouts",
                column: "EnvironmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Holdouts_Key",
                table: "Holdouts",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Layers_Key",
                table: "Layers",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RolloutPlans_EnvironmentId",
                table: "RolloutPlans",
                column: "EnvironmentId");

            migrationBuilder.CreateIndex(
                name: "IX_RolloutPlans_FlagId_EnvironmentId_Status",
                table: "RolloutPlans",
                columns: new[] { "FlagId", "EnvironmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SdkKeys_EnvironmentId",
                table: "SdkKeys",
                column: "EnvironmentId");

            migrationBuilder.CreateIndex(
                name: "IX_SdkKeys_Key",
                table: "SdkKeys",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Segments_Key",
                table: "Segments",
                column: "Key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Experiments");

            migrationBuilder.DropTable(
                name: "FlagEnvironments");

            migrationBuilder.DropTable(
                name: "Holdouts");

            migrationBuilder.DropTable(
                name: "RolloutPlans");

            migrationBuilder.DropTable(
                name: "SdkKeys");

            migrationBuilder.DropTable(
                name: "Segments");

            migrationBuilder.DropTable(
                name: "Layers");

            migrationBuilder.DropTable(
                name: "Flags");

            migrationBuilder.DropTable(
                name: "Environments");
        }
    }
}
