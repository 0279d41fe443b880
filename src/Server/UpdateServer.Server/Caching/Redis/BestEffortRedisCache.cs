using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace UpdateServer.Server.Caching.Redis;

/// <summary>
/// The shared <see cref="IDistributedCache"/> on Redis, as a cache should be: while Redis does not answer, a read is a
/// miss and a write or removal does nothing (both logged), so a caller falls back to the database instead of failing.
/// Owns and disposes <paramref name="redis"/>.
/// </summary>
public sealed partial class BestEffortRedisCache(IDistributedCache redis, ILogger<BestEffortRedisCache> logger) : IDistributedCache, IDisposable
{
    public byte[]? Get(string key) => Try(key, () => redis.Get(key));

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        try
        {
            return await redis.GetAsync(key, token);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            LogUnavailable(logger, key, e);
            return null;
        }
    }

    public void Refresh(string key) => Try(key, () => { redis.Refresh(key); return true; });

    public Task RefreshAsync(string key, CancellationToken token = default) => TryAsync(key, () => redis.RefreshAsync(key, token));

    public void Remove(string key) => Try(key, () => { redis.Remove(key); return true; });

    public Task RemoveAsync(string key, CancellationToken token = default) => TryAsync(key, () => redis.RemoveAsync(key, token));

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Try(key, () => { redis.Set(key, value, options); return true; });

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        TryAsync(key, () => redis.SetAsync(key, value, options, token));

    public void Dispose() => (redis as IDisposable)?.Dispose();

    private T? Try<T>(string key, Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            LogUnavailable(logger, key, e);
            return default;
        }
    }

    private async Task TryAsync(string key, Func<Task> operation)
    {
        try
        {
            await operation();
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            LogUnavailable(logger, key, e);
        }
    }

    // A connection that cannot be made or is lost throws RedisConnectionException (a RedisException); an answer that
    // does not come in time, RedisTimeoutException (a TimeoutException).
    private static bool IsUnavailable(Exception e) => e is RedisException or RedisTimeoutException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer for cache key {Key}; going without the shared cache")]
    private static partial void LogUnavailable(ILogger logger, string key, Exception exception);
}
