using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace UpdateServer.Server.Data.PostgreSql;

/// <summary>
/// The model on PostgreSQL (Npgsql), for several server instances sharing one database; its migrations are in
/// <c>Migrations/</c> beside this file. Dates are <c>timestamp with time zone</c> and always written in UTC.
/// </summary>
public sealed class PostgreSqlUpdateServerDbContext(DbContextOptions<PostgreSqlUpdateServerDbContext> options) : UpdateServerDbContext(options)
{
    /// <summary>
    /// Creates the migrations history table first: Npgsql's migrator reads it without knowing whether it exists, and on
    /// a new database logs the "relation does not exist" it then expects as an error (npgsql/efcore.pg issue 3407),
    /// so every first start would begin with a false failure in the log.
    /// </summary>
    public override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var create = this.GetService<IHistoryRepository>().GetCreateIfNotExistsScript();
        try
        {
            await Database.ExecuteSqlRawAsync(create, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            // Another instance starting on the same new database created it at the same moment.
        }

        await base.MigrateAsync(cancellationToken);
    }
}
