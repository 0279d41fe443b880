using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpdateServer.Server.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RepositoryGeneration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RepositoryGeneration",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Generation = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RepositoryGeneration", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "RepositoryGeneration",
                columns: new[] { "Id", "Generation" },
                values: new object[] { 1, 0L });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RepositoryGeneration");
        }
    }
}
