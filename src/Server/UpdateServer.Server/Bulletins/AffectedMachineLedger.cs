using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Bulletins;

/// <summary>
/// Keeps, per bulletin, the devices whose last check found them affected (one row per device, however often it
/// checks) and the count of them. The database is written only when a device's set of affecting bulletins changed;
/// the last set seen per device is cached for the snapshot version it was seen in, so a steady fleet costs the check
/// path no database work (a timestamp re-signed on its own changes nothing here), and after a publish (which may have
/// withdrawn a bulletin and dropped its rows) each device's rows are compared with the database once again.
/// </summary>
public sealed partial class AffectedMachineLedger(IServiceScopeFactory scopes, IMemoryCache cache, TimeProvider time, ILogger<AffectedMachineLedger> logger)
{
    private static readonly TimeSpan Remember = TimeSpan.FromHours(1);

    /// <summary>Records that <paramref name="deviceId"/> is affected by exactly <paramref name="bulletinIds"/> in snapshot version <paramref name="snapshotVersion"/>.</summary>
    public async Task RecordAsync(string deviceId, long snapshotVersion, IReadOnlyCollection<string> bulletinIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bulletinIds);
        var key = (nameof(AffectedMachineLedger), deviceId);
        // The check path: a set compared in place, nothing sorted, joined or copied while the device's set stays the same.
        if (cache.TryGetValue(key, out KnownSet? known) && known is not null && known.SnapshotVersion == snapshotVersion && known.Ids.SetEquals(bulletinIds))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>();
        try
        {
            var rows = await db.BulletinDevices.Where(d => d.DeviceId == deviceId).ToListAsync(cancellationToken);
            var gone = rows.Where(r => !bulletinIds.Contains(r.BulletinId)).ToList();
            var added = bulletinIds.Except(rows.Select(r => r.BulletinId), StringComparer.Ordinal).ToList();
            if (gone.Count > 0 || added.Count > 0)
            {
                db.BulletinDevices.RemoveRange(gone);
                var now = time.GetUtcNow();
                db.BulletinDevices.AddRange(added.Select(id => new BulletinDeviceRecord { BulletinId = id, DeviceId = deviceId, SeenAt = now }));
                await db.SaveChangesAsync(cancellationToken);
                var touched = gone.Select(r => r.BulletinId).Concat(added).ToList();
                await db.Bulletins.Where(b => touched.Contains(b.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.AffectedMachines, b => db.BulletinDevices.Count(d => d.BulletinId == b.Id)), cancellationToken);
            }

            var seen = new KnownSet(snapshotVersion, bulletinIds.ToHashSet(StringComparer.Ordinal));
            cache.Set(key, seen, new MemoryCacheEntryOptions { Size = seen.Ids.Sum(id => id.Length) + 128, SlidingExpiration = Remember });
        }
        catch (Exception e) when (e is DbUpdateException or DbException)
        {
            // A concurrent check of the same device, a bulletin withdrawn meanwhile, a busy database: the next check records it.
            LogRecordFailed(logger, deviceId, e);
        }
    }

    private sealed record KnownSet(long SnapshotVersion, HashSet<string> Ids);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the bulletins affecting {DeviceId}; the next check will")]
    private static partial void LogRecordFailed(ILogger logger, string deviceId, Exception exception);
}
