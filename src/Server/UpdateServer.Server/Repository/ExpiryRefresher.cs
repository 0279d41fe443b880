using Microsoft.Extensions.Options;
using UpdateServer.Packaging.Trust;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Repository;

/// <summary>
/// Re-signs the online metadata before it expires: a new timestamp once half of its lifetime has passed, and a
/// new snapshot (with its timestamp) once half of the snapshot's has. Clients polling a quiet repository thus
/// never see expired metadata, while a frozen repository still becomes detectable within one lifetime.
/// </summary>
public sealed partial class ExpiryRefresher(
    IServiceScopeFactory scopes,
    RepositoryChanges changes,
    IOptions<RepositoryOptions> options,
    TimeProvider time,
    ILogger<ExpiryRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        do
        {
            try
            {
                await RefreshIfDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A refresh that lost a race with a publish, or a database hiccup, is retried at the next tick.
                LogRefreshFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// Signs what is due; returns true when anything was signed. With several instances each one checks, but only the
    /// first to take the repository's write lock signs: the others find nothing due once they hold it.
    /// </summary>
    public async Task<bool> RefreshIfDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>();
        var signer = scope.ServiceProvider.GetRequiredService<OnlineSigner>();
        if (await DueAsync(db, cancellationToken) is null)
        {
            return false;
        }

        await using var transaction = await changes.BeginAsync(db, cancellationToken);
        if (await DueAsync(db, cancellationToken) is not { } due)
        {
            return false;
        }

        if (due.Snapshot)
        {
            var (snapshotVersion, timestampVersion) = await signer.SignSnapshotAndTimestampAsync(transaction, cancellationToken);
            LogRefreshed(logger, RoleNames.Snapshot, snapshotVersion, timestampVersion);
        }
        else
        {
            var timestampVersion = await signer.SignTimestampAsync(transaction, cancellationToken);
            var snapshotVersion = await db.LatestVersionAsync(RoleNames.Snapshot, cancellationToken);
            LogRefreshed(logger, RoleNames.Timestamp, snapshotVersion, timestampVersion);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>What has passed half its lifetime, or null when nothing has.</summary>
    private async Task<(bool Snapshot, bool Timestamp)?> DueAsync(UpdateServerDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var snapshot = await db.LatestAsync(RoleNames.Snapshot, cancellationToken);
        var timestamp = await db.LatestAsync(RoleNames.Timestamp, cancellationToken);
        var snapshotDue = snapshot is null || snapshot.Expires - now < options.Value.SnapshotLifetime / 2;
        var timestampDue = timestamp is null || timestamp.Expires - now < options.Value.TimestampLifetime / 2;
        return snapshotDue || timestampDue ? (snapshotDue, timestampDue) : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-signed {Role} before expiry: snapshot {Snapshot}, timestamp {Timestamp}")]
    private static partial void LogRefreshed(ILogger logger, string role, long snapshot, long timestamp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing online metadata failed; retrying at the next interval")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
