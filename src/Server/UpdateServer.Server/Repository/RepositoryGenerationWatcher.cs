using System.Data.Common;
using Microsoft.Extensions.Options;
using UpdateServer.Server.Configuration;

namespace UpdateServer.Server.Repository;

/// <summary>
/// Reads the database's repository generation every <c>Cache:GenerationPollInterval</c> and passes it to
/// <see cref="RepositoryStateCache.Observe"/>: the backstop that makes every instance notice a change committed by another
/// even when the change feed lost the announcement (Redis down, a subscriber reconnecting) or there is none.
/// </summary>
public sealed partial class RepositoryGenerationWatcher(
    IServiceScopeFactory scopes,
    RepositoryStateCache cache,
    IOptions<CacheOptions> options,
    TimeProvider time,
    ILogger<RepositoryGenerationWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.GenerationPollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                cache.Observe(await scope.ServiceProvider.GetRequiredService<Data.UpdateServerDbContext>().CurrentGenerationAsync(stoppingToken));
            }
            catch (DbException e)
            {
                // The database is unreachable for a moment: the state held stays served, and the next tick tries again.
                LogPollFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the repository generation failed; retrying at the next interval")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
