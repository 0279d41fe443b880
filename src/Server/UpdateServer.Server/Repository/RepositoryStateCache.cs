using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Server.Bulletins;
using UpdateServer.Server.Catalog;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Repository;

/// <summary>
/// Holds the current <see cref="RepositoryState"/>, read from the database on first use and again whenever a newer
/// repository generation is <see cref="Observe">observed</see> — committed here, announced by another instance, or
/// seen by the generation poll. A read returns the held state without touching the database while it is current; the
/// first read after a change rebuilds it (others wait for that rebuild), so a change is visible to every request that
/// starts after the change was observed. While the database cannot be read, the state held before is served (and the
/// database asked again at most once per <see cref="RetryInterval"/>).
/// </summary>
public sealed partial class RepositoryStateCache(IServiceScopeFactory scopes, TimeProvider time, ILogger<RepositoryStateCache> logger) : IDisposable
{
    private const int MaxConsistentReadAttempts = 20;
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private volatile RepositoryState? _current;
    private long _newest;
    private long _retryAfterTicks;

    public ValueTask<RepositoryState> GetAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        return current is not null && Answers(current)
            ? ValueTask.FromResult(current)
            : new ValueTask<RepositoryState>(RebuildAsync(cancellationToken));
    }

    /// <summary>Records that <paramref name="generation"/> was committed; a state older than it is rebuilt at the next read. Thread-safe.</summary>
    public void Observe(long generation)
    {
        var newest = Interlocked.Read(ref _newest);
        while (generation > newest)
        {
            var seen = Interlocked.CompareExchange(ref _newest, generation, newest);
            if (seen == newest)
            {
                return;
            }

            newest = seen;
        }
    }

    public void Dispose() => _rebuild.Dispose();

    /// <summary>A built state answers while it is the newest known, and while the database rests after a failed read.</summary>
    private bool Answers(RepositoryState state) =>
        state.Generation >= Interlocked.Read(ref _newest) || time.GetUtcNow().UtcTicks < Interlocked.Read(ref _retryAfterTicks);

    private async Task<RepositoryState> RebuildAsync(CancellationToken cancellationToken)
    {
        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            // Requests that queued behind a failed read do not each try the database again before the retry time.
            if (_current is { } built && Answers(built))
            {
                return built;
            }

            await using var scope = scopes.CreateAsyncScope();
            var state = await ReadConsistentAsync(scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>(), logger, cancellationToken);
            Observe(state.Generation);
            _current = state;
            return state;
        }
        catch (DbException e) when (_current is { } stale)
        {
            // Serving the last picture beats failing every request while the database is away.
            Interlocked.Exchange(ref _retryAfterTicks, (time.GetUtcNow() + RetryInterval).UtcTicks);
            LogServingStale(logger, stale.Generation, e);
            return stale;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    /// <summary>
    /// Reads metadata, releases and bulletins between two reads of the generation, again until both agree: every change commits a
    /// new generation together with its rows, so equal generations mean no change committed in between.
    /// </summary>
    private static async Task<RepositoryState> ReadConsistentAsync(UpdateServerDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = await db.CurrentGenerationAsync(cancellationToken);
            var latest = await db.LatestOfEachRoleAsync(cancellationToken);
            var releases = await db.Releases.AsNoTracking().Where(r => r.RemovedAt == null).ToListAsync(cancellationToken);
            var revisions = await db.BulletinRevisions.AsNoTracking()
                .Select(r => new ListedTarget(r.TargetPath, r.Sha256, r.Length)).ToListAsync(cancellationToken);
            var current = await db.BulletinRevisions.AsNoTracking()
                // Only active bulletins bear on machines; the documents of withdrawn and superseded ones are not read.
                .Where(r => db.Bulletins.Any(b => b.Id == r.BulletinId && b.TargetPath == r.TargetPath && b.Status == BulletinStatuses.Active))
                .ToListAsync(cancellationToken);
            if (await db.CurrentGenerationAsync(cancellationToken) == before)
            {
                var catalog = new CatalogIndex(releases, (record, e) => LogUnreadable(logger, record.TargetPath, e.Message));
                var bulletins = new BulletinIndex(revisions, current, (record, e) => LogUnreadable(logger, record.TargetPath, e.Message));
                return new RepositoryState(before, latest, catalog, bulletins);
            }

            if (attempt == MaxConsistentReadAttempts)
            {
                throw new InvalidOperationException($"The repository changed during each of {MaxConsistentReadAttempts} attempts to read it.");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the repository; serving generation {Generation} until the database answers")]
    private static partial void LogServingStale(ILogger logger, long generation, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{TargetPath} is left out of checks: it does not read under today's rules ({Reason})")]
    private static partial void LogUnreadable(ILogger logger, string targetPath, string reason);
}
