using Microsoft.Extensions.Options;
using StackExchange.Redis;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Repository;

namespace UpdateServer.Server.Caching.Redis;

/// <summary>
/// Announces each committed repository generation on the Redis channel <c>&lt;instance name&gt;repository-changed</c>
/// and passes what other instances announce there to <see cref="RepositoryStateCache.Observe"/>. The announcement is
/// awaited: Redis answers PUBLISH after queueing the message to every subscriber, so by the time a publish request
/// returns the other instances have been sent it; each applies it when its connection reads it (milliseconds).
/// Failures are logged, never thrown (the generation poll catches up).
/// </summary>
public sealed partial class RedisChangeFeed(
    IConnectionMultiplexer redis,
    IOptions<RedisOptions> options,
    RepositoryStateCache cache,
    ILogger<RedisChangeFeed> logger) : IRepositoryChangeFeed, IHostedService
{
    private RedisChannel Channel { get; } = RedisChannel.Literal(options.Value.InstanceName + "repository-changed");

    public async Task AnnounceAsync(long generation, CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, generation);
        }
        catch (RedisException e)
        {
            LogAnnounceFailed(logger, generation, e);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) =>
            {
                if (message.TryParse(out long generation))
                {
                    cache.Observe(generation);
                }
            });
        }
        catch (RedisException e)
        {
            LogSubscribeFailed(logger, e);
        }
    }

    // Fire and forget: the process is stopping and its connection goes with it, so a reply (or a connection torn down
    // before it arrives, which StackExchange.Redis reports as an exception) must not fail the shutdown.
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetSubscriber().UnsubscribeAsync(Channel, handler: null, CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException)
        {
            LogUnsubscribeFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce repository generation {Generation} on Redis; other instances notice it at their next poll")]
    private static partial void LogAnnounceFailed(ILogger logger, long generation, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not unsubscribe from repository changes while stopping")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to repository changes on Redis; this instance learns of changes by polling only")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);
}
