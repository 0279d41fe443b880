using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace UpdateServer.Server.Data.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add --context SqliteUpdateServerDbContext</c> build the model without starting the server.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteUpdateServerDbContext>
{
    public SqliteUpdateServerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteUpdateServerDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
