using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace UpdateServer.Server.Data.PostgreSql;

/// <summary>
/// Lets <c>dotnet ef migrations add --context PostgreSqlUpdateServerDbContext</c> build the model without a database
/// (adding a migration never connects).
/// </summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlUpdateServerDbContext>
{
    public PostgreSqlUpdateServerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlUpdateServerDbContext>().UseNpgsql("Host=127.0.0.1;Database=updateserver_design").Options);
}
