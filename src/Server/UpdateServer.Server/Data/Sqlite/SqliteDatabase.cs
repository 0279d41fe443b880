using Microsoft.EntityFrameworkCore;
using UpdateServer.Server.Configuration;

namespace UpdateServer.Server.Data.Sqlite;

/// <summary>Registers the embedded SQLite database (a file in the data directory unless <c>Storage:ConnectionString</c> says otherwise).</summary>
public static class SqliteDatabase
{
    public static IServiceCollection AddSqliteDatabase(this IServiceCollection services, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var connectionString = storage.ResolveConnectionString();
        return services.AddDbContext<UpdateServerDbContext, SqliteUpdateServerDbContext>(options => options.UseSqlite(connectionString));
    }
}
