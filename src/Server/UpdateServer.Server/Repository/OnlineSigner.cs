using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Repository;

/// <summary>
/// Signs new snapshot and timestamp metadata with the online keys, inside the <see cref="RepositoryTransaction"/> that
/// changed targets metadata, so the new versions commit together with the change or not at all. The transaction holds
/// the repository's write lock, so signers on all instances take turns and each builds on the versions the one before
/// committed; the unique (role, version) index stays as the last line of defence.
/// </summary>
public sealed class OnlineSigner(OnlineKeys keys, IOptions<RepositoryOptions> options, TimeProvider time)
{
    private static readonly string[] OnlineRoles = [RoleNames.Root, RoleNames.Snapshot, RoleNames.Timestamp];

    /// <summary>
    /// Adds a snapshot listing the newest version, length and SHA-256 of every targets role (changes already saved
    /// in this transaction included) and a timestamp describing it. Saves the context.
    /// </summary>
    public async Task<(long Snapshot, long Timestamp)> SignSnapshotAndTimestampAsync(RepositoryTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var db = transaction.Db;
        var now = time.GetUtcNow();
        var meta = new Dictionary<string, MetaFile>(StringComparer.Ordinal);
        var roles = await db.Metadata.Where(m => !OnlineRoles.Contains(m.Role))
            .GroupBy(m => m.Role)
            .Select(g => new { Role = g.Key, Version = g.Max(m => m.Version) })
            .ToListAsync(cancellationToken);
        foreach (var role in roles)
        {
            var record = await db.Metadata.Where(m => m.Role == role.Role && m.Version == role.Version)
                .Select(m => new { m.Length, m.Sha256 })
                .SingleAsync(cancellationToken);
            meta[RoleNames.FileName(role.Role)] = new MetaFile(role.Version, record.Length,
                new Dictionary<string, string> { [FileHashes.Sha256] = record.Sha256 });
        }

        var (snapshotKey, timestampKey) = await CurrentKeysAsync(db, cancellationToken);
        var snapshot = Metadata.Create(new SnapshotMetadata
        {
            Version = await db.LatestVersionAsync(RoleNames.Snapshot, cancellationToken) + 1,
            Expires = Truncate(now + options.Value.SnapshotLifetime),
            Meta = meta,
        }).Sign(snapshotKey);
        var snapshotRecord = snapshot.ToRecord(RoleNames.Snapshot, now);
        db.Metadata.Add(snapshotRecord);

        var timestamp = await AddTimestampAsync(db, snapshotRecord, timestampKey, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (snapshot.Signed.Version, timestamp);
    }

    /// <summary>Adds a timestamp for the current snapshot (a refresh before expiry). Saves the context.</summary>
    public async Task<long> SignTimestampAsync(RepositoryTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var db = transaction.Db;
        var snapshot = await db.LatestAsync(RoleNames.Snapshot, cancellationToken)
            ?? throw new InvalidOperationException("There is no snapshot to describe.");
        var (_, timestampKey) = await CurrentKeysAsync(db, cancellationToken);
        var version = await AddTimestampAsync(db, snapshot, timestampKey, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return version;
    }

    /// <summary>The online keys the newest root (saved in this transaction included) trusts.</summary>
    private async Task<(SigningKey Snapshot, SigningKey Timestamp)> CurrentKeysAsync(UpdateServerDbContext db, CancellationToken cancellationToken)
    {
        var root = await db.Metadata.Where(m => m.Role == RoleNames.Root).OrderByDescending(m => m.Version).Select(m => m.Content)
            .FirstAsync(cancellationToken);
        return keys.For(Metadata.FromBytes<RootMetadata>(root).Signed);
    }

    private async Task<long> AddTimestampAsync(UpdateServerDbContext db, MetadataRecord snapshot, SigningKey timestampKey, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var timestamp = Metadata.Create(new TimestampMetadata
        {
            Version = await db.LatestVersionAsync(RoleNames.Timestamp, cancellationToken) + 1,
            Expires = Truncate(now + options.Value.TimestampLifetime),
            SnapshotMeta = new MetaFile(snapshot.Version, snapshot.Length,
                new Dictionary<string, string> { [FileHashes.Sha256] = snapshot.Sha256 }),
        }).Sign(timestampKey);
        db.Metadata.Add(timestamp.ToRecord(RoleNames.Timestamp, now));
        return timestamp.Signed.Version;
    }

    /// <summary>Metadata dates have whole seconds.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
