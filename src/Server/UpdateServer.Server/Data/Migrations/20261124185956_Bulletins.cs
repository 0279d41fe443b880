using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpdateServer.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Bulletins : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BulletinRevisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BulletinId = table.Column<string>(type: "TEXT", maxLength: 96, nullable: false),
                    Vendor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Document = table.Column<string>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulletinRevisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Bulletins",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 96, nullable: false),
                    Vendor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SeverityRank = table.Column<int>(type: "INTEGER", nullable: false),
                    CvssScore = table.Column<double>(type: "REAL", nullable: true),
                    CvssVector = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SupersededBy = table.Column<string>(type: "TEXT", maxLength: 96, nullable: true),
                    InitialReleaseDate = table.Column<long>(type: "INTEGER", nullable: false),
                    CurrentReleaseDate = table.Column<long>(type: "INTEGER", nullable: false),
                    TargetPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Cves = table.Column<string>(type: "TEXT", nullable: false),
                    AffectedMachines = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bulletins", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WebhookDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Endpoint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Event = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    BulletinId = table.Column<string>(type: "TEXT", maxLength: 96, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    LastStatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BulletinDevices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BulletinId = table.Column<string>(type: "TEXT", maxLength: 96, nullable: false),
                    DeviceId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    SeenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulletinDevices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BulletinDevices_Bulletins_BulletinId",
                        column: x => x.BulletinId,
                        principalTable: "Bulletins",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BulletinFixRecord",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BulletinId = table.Column<string>(type: "TEXT", maxLength: 96, nullable: false),
                    Product = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TargetPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulletinFixRecord", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BulletinFixRecord_Bulletins_BulletinId",
                        column: x => x.BulletinId,
                        principalTable: "Bulletins",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BulletinProductRecord",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BulletinId = table.Column<string>(type: "TEXT", maxLength: 96, nullable: false),
                    Product = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Versions = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    IsComponent = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulletinProductRecord", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BulletinProductRecord_Bulletins_BulletinId",
                        column: x => x.BulletinId,
                        principalTable: "Bulletins",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BulletinDevices_BulletinId_DeviceId",
                table: "BulletinDevices",
                columns: new[] { "BulletinId", "DeviceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BulletinDevices_DeviceId",
                table: "BulletinDevices",
                column: "DeviceId");

            migrationBuilder.CreateIndex(
                name: "IX_BulletinFixRecord_BulletinId",
                table: "BulletinFixRecord",
                column: "BulletinId");

            migrationBuilder.CreateIndex(
                name: "IX_BulletinProductRecord_BulletinId",
                table: "BulletinProductRecord",
                column: "BulletinId");

            migrationBuilder.CreateIndex(
                name: "IX_BulletinProductRecord_Product",
                table: "BulletinProductRecord",
                column: "Product");

            migrationBuilder.CreateIndex(
                name: "IX_BulletinRevisions_BulletinId_Revision",
                table: "BulletinRevisions",
                columns: new[] { "BulletinId", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BulletinRevisions_TargetPath",
                table: "BulletinRevisions",
                column: "TargetPath",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Bulletins_CurrentReleaseDate",
                table: "Bulletins",
                column: "CurrentReleaseDate");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_Status_NextAttemptAt",
                table: "WebhookDeliveries",
                columns: new[] { "Status", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BulletinDevices");

            migrationBuilder.DropTable(
                name: "BulletinFixRecord");

            migrationBuilder.DropTable(
                name: "BulletinProductRecord");

            migrationBuilder.DropTable(
                name: "BulletinRevisions");

            migrationBuilder.DropTable(
                name: "WebhookDeliveries");

            migrationBuilder.DropTable(
                name: "Bulletins");
        }
    }
}
