using Microsoft.EntityFrameworkCore;
using UpdateServer.Server.Configuration;

namespace UpdateServer.Server.Data.PostgreSql;

/// <summary>Registers PostgreSQL through Npgsql; <c>Storage:ConnectionString</c> is required.</summary>
public static class PostgreSqlDatabase
{
    public static IServiceCollection AddPostgreSqlDatabase(this IServiceCollection services, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var connectionString = storage.ResolveConnectionString();
        return services.AddDbContext<UpdateServerDbContext, PostgreSqlUpdateServerDbContext>(options => options.UseNpgsql(connectionString));
    }
}
