using UpdateServer.Server.Configuration;
using UpdateServer.Server.Data.PostgreSql;
using UpdateServer.Server.Data.Sqlite;

namespace UpdateServer.Server.Data;

/// <summary>Registers <see cref="UpdateServerDbContext"/> on the database <c>Storage:Database</c> names.</summary>
public static class DatabaseComposition
{
    public static IServiceCollection AddUpdateServerDatabase(this IServiceCollection services, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return storage.Database switch
        {
            DatabaseProvider.Sqlite => services.AddSqliteDatabase(storage),
            DatabaseProvider.PostgreSql => services.AddPostgreSqlDatabase(storage),
            _ => throw new InvalidOperationException($"Storage:Database \"{storage.Database}\" is not one of Sqlite, PostgreSql."),
        };
    }
}
