using UpdateServer.Server.Caching.Memory;
using UpdateServer.Server.Caching.Redis;
using UpdateServer.Server.Configuration;

namespace UpdateServer.Server.Caching;

/// <summary>Registers <c>IDistributedCache</c> and the repository change feed of the provider <c>Cache:Provider</c> names.</summary>
public static class CachingComposition
{
    public static IServiceCollection AddUpdateServerCaching(this IServiceCollection services, CacheOptions cache, RedisOptions redis)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return cache.Provider switch
        {
            CacheProvider.Memory => services.AddMemoryCaching(),
            CacheProvider.Redis => services.AddRedisCaching(redis),
            _ => throw new InvalidOperationException($"Cache:Provider \"{cache.Provider}\" is not one of Memory, Redis."),
        };
    }
}
