using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace UpdateServer.Server.Data.Sqlite;

/// <summary>The model on SQLite, the embedded default; its migrations are in <c>Migrations/</c> beside this file.</summary>
public sealed class SqliteUpdateServerDbContext(DbContextOptions<SqliteUpdateServerDbContext> options) : UpdateServerDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no date type; as binary ticks dates sort and compare in queries, as timestamptz does on PostgreSQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
