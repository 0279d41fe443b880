using Microsoft.EntityFrameworkCore;
using UpdateServer.Server.Bulletins;
using UpdateServer.Server.Catalog;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Repository;

/// <summary>
/// Holds the current <see cref="RepositoryState"/>, built from the database on first use and rebuilt after
/// <see cref="Invalidate"/>. Readers never wait on a rebuild once a state exists.
/// </summary>
public sealed partial class RepositoryStateCache(IServiceScopeFactory scopes, ILogger<RepositoryStateCache> logger) : IDisposable
{
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private volatile RepositoryState? _current;
    private long _generation;

    public async ValueTask<RepositoryState> GetAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        return current ?? await RebuildAsync(cancellationToken);
    }

    /// <summary>Marks the state stale after a change committed; the next read rebuilds it.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _current = null;
    }

    public void Dispose() => _rebuild.Dispose();

    private async Task<RepositoryState> RebuildAsync(CancellationToken cancellationToken)
    {
        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } built)
            {
                return built;
            }

            var generation = Interlocked.Read(ref _generation);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>();
            var latest = await db.LatestOfEachRoleAsync(cancellationToken);
            var releases = await db.Releases.AsNoTracking().Where(r => r.RemovedAt == null).ToListAsync(cancellationToken);
            var revisions = await db.BulletinRevisions.AsNoTracking().Select(r => new { r.TargetPath, r.Sha256 }).ToListAsync(cancellationToken);
            var current = await db.BulletinRevisions.AsNoTracking()
                .Where(r => db.Bulletins.Any(b => b.Id == r.BulletinId && b.TargetPath == r.TargetPath)).ToListAsync(cancellationToken);
            var bulletins = new BulletinIndex(revisions.Select(r => (r.TargetPath, r.Sha256)), current);
            var state = new RepositoryState(latest, new CatalogIndex(releases, (record, e) => LogUnreadable(logger, record.TargetPath, e.Message)), bulletins);
            if (Interlocked.Read(ref _generation) == generation)
            {
                _current = state;
            }

            return state;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Release {TargetPath} is left out of install plans: its facts do not read ({Reason})")]
    private static partial void LogUnreadable(ILogger logger, string targetPath, string reason);
}
