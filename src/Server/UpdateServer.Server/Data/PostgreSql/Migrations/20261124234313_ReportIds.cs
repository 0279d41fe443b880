using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpdateServer.Server.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ReportIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReportId",
                table: "Reports",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reports_DeviceId_ReportId",
                table: "Reports",
                columns: new[] { "DeviceId", "ReportId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reports_DeviceId_ReportId",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "ReportId",
                table: "Reports");
        }
    }
}
