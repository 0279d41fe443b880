using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Repository;

namespace UpdateServer.Server.Caching.Redis;

/// <summary>
/// Registers Redis (section <c>Cache:Redis</c>): one connection for <c>IDistributedCache</c> and the change feed. The
/// connection does not have to succeed at start: the server runs without Redis until it is back, serving from the
/// database and learning of other instances' changes by polling.
/// </summary>
public static class RedisCaching
{
    public static IServiceCollection AddRedisCaching(this IServiceCollection services, RedisOptions redis)
    {
        ArgumentNullException.ThrowIfNull(redis);
        if (string.IsNullOrWhiteSpace(redis.Configuration))
        {
            throw new InvalidOperationException("Cache:Redis:Configuration must name the Redis server when Cache:Provider is Redis.");
        }

        var configuration = ConfigurationOptions.Parse(redis.Configuration);
        configuration.AbortOnConnectFail = false;
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(configuration));
        services.AddStackExchangeRedisCache(options => options.InstanceName = redis.InstanceName);
        services.AddOptions<RedisCacheOptions>().Configure<IConnectionMultiplexer>((options, connection) =>
            options.ConnectionMultiplexerFactory = () => Task.FromResult(connection));
        services.AddSingleton<RedisChangeFeed>();
        services.AddSingleton<IRepositoryChangeFeed>(provider => provider.GetRequiredService<RedisChangeFeed>());
        services.AddHostedService(provider => provider.GetRequiredService<RedisChangeFeed>());
        return services;
    }
}
