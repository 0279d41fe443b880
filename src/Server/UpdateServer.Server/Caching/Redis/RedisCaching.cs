using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Repository;

namespace UpdateServer.Server.Caching.Redis;

/// <summary>
/// Registers Redis (section <c>Cache:Redis</c>): a connection for <c>IDistributedCache</c> and one for the change feed. The
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

        // IDistributedCache gets a connection of its own: RedisCache disposes its connection when it reconnects or is
        // disposed, which must never take the change feed's connection down with it. Best effort: Redis being away makes a
        // cache miss, never a failed request.
        var cacheOptions = new RedisCacheOptions { InstanceName = redis.InstanceName, ConfigurationOptions = configuration.Clone() };
        services.AddSingleton<IDistributedCache>(provider =>
            new BestEffortRedisCache(new RedisCache(Options.Create(cacheOptions)), provider.GetRequiredService<ILogger<BestEffortRedisCache>>()));
        services.AddSingleton<RedisChangeFeed>();
        services.AddSingleton<IRepositoryChangeFeed>(provider => provider.GetRequiredService<RedisChangeFeed>());
        services.AddHostedService(provider => provider.GetRequiredService<RedisChangeFeed>());
        return services;
    }
}
