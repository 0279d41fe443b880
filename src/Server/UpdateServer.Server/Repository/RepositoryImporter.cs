using Microsoft.EntityFrameworkCore;
using UpdateServer.Packaging.Repository;
using UpdateServer.Packaging.Trust;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Repository;

/// <summary>
/// Imports offline-signed documents into the database, verifying them as clients will: each new root signed by a
/// threshold of the previous root's keys and of its own with the next version (spec 5.3.4, 5.3.5), targets signed
/// by the targets role of the newest root. Then makes the vendor table match the vendor list and, when root or
/// targets changed or the online metadata is not signed by the keys root now names, signs snapshot and timestamp.
/// Runs inside the caller's transaction; throws <see cref="RepositoryImportException"/> naming what does not verify.
/// </summary>
public sealed partial class RepositoryImporter(OnlineKeys keys, OnlineSigner signer, TimeProvider time, ILogger<RepositoryImporter> logger)
{
    public async Task<RepositoryImportResult> ImportAsync(UpdateServerDbContext db, RepositoryDocuments documents, CancellationToken cancellationToken)
    {
        var rootBefore = await db.LatestVersionAsync(RoleNames.Root, cancellationToken);
        var root = await ImportRootsAsync(db, documents, cancellationToken);
        keys.Reload();
        try
        {
            _ = keys.For(root);
        }
        catch (InvalidOperationException e)
        {
            throw new RepositoryImportException(e.Message, e);
        }

        var targetsChanged = documents.Targets is { } targets && await ImportTargetsAsync(db, root, targets, cancellationToken);
        if (documents.Vendors is { } vendors)
        {
            await SyncVendorsAsync(db, vendors, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (targetsChanged || root.Version != rootBefore || !await OnlineMetadataSignedByCurrentKeysAsync(db, root, cancellationToken))
        {
            // A new root may have rotated the online keys: snapshot and timestamp signed by the old ones would fail
            // every client until they expired.
            var (snapshot, timestamp) = await signer.SignSnapshotAndTimestampAsync(db, cancellationToken);
            LogSigned(logger, snapshot, timestamp);
        }

        return new RepositoryImportResult(root.Version, await db.LatestVersionAsync(RoleNames.Targets, cancellationToken),
            await db.LatestVersionAsync(RoleNames.Snapshot, cancellationToken), await db.LatestVersionAsync(RoleNames.Timestamp, cancellationToken),
            await db.Vendors.Select(v => v.Name).OrderBy(n => n).ToListAsync(cancellationToken));
    }

    private async Task<RootMetadata> ImportRootsAsync(UpdateServerDbContext db, RepositoryDocuments documents, CancellationToken cancellationToken)
    {
        IReadOnlyList<(long Version, byte[] Bytes)> offered;
        try
        {
            offered = documents.RootsByVersion();
        }
        catch (InvalidOperationException e)
        {
            throw new RepositoryImportException(e.Message, e);
        }

        var stored = await db.LatestAsync(RoleNames.Root, cancellationToken);
        TrustedMetadataSet chain;
        if (stored is null)
        {
            // First import: the lowest version offered is the trust anchor; it must at least be signed by its own keys.
            var anchor = offered.Count > 0 ? offered[0] : throw new RepositoryImportException("No root metadata was offered.");
            chain = Verify(anchor.Version, () => new TrustedMetadataSet(anchor.Bytes, time.GetUtcNow()));
            db.Metadata.Add(chain.Root.ToRecordOf(anchor.Bytes, RoleNames.Root, time.GetUtcNow()));
            LogImported(logger, RoleNames.Root, anchor.Version);
        }
        else
        {
            chain = new TrustedMetadataSet(stored.Content, time.GetUtcNow());
        }

        foreach (var (version, bytes) in offered.Where(r => r.Version > chain.Root.Signed.Version))
        {
            if (version != chain.Root.Signed.Version + 1)
            {
                throw new RepositoryImportException($"Root version {chain.Root.Signed.Version + 1} is missing; every version must be imported in turn.");
            }

            Verify(version, () => chain.UpdateRoot(bytes));
            db.Metadata.Add(chain.Root.ToRecordOf(bytes, RoleNames.Root, time.GetUtcNow()));
            LogImported(logger, RoleNames.Root, version);
        }

        return chain.Root.Signed;
    }

    private async Task<bool> ImportTargetsAsync(UpdateServerDbContext db, RootMetadata root, byte[] bytes, CancellationToken cancellationToken)
    {
        Metadata<TargetsMetadata> targets;
        try
        {
            targets = Metadata.FromBytes<TargetsMetadata>(bytes);
        }
        catch (MetadataFormatException e)
        {
            throw new RepositoryImportException($"targets.json is not valid targets metadata: {e.Message}", e);
        }

        var stored = await db.LatestVersionAsync(RoleNames.Targets, cancellationToken);
        if (targets.Signed.Version < stored)
        {
            throw new RepositoryImportException($"targets.json version {targets.Signed.Version} is older than the imported version {stored}.");
        }

        if (targets.Signed.Version == stored)
        {
            return false;
        }

        try
        {
            targets.VerifySignedBy(RoleNames.Targets, root.Keys, root.RoleFor(RoleNames.Targets));
        }
        catch (TufException e)
        {
            throw new RepositoryImportException($"targets.json is not signed by the targets role of root v{root.Version}: {e.Message}", e);
        }

        db.Metadata.Add(targets.ToRecordOf(bytes, RoleNames.Targets, time.GetUtcNow()));
        LogImported(logger, RoleNames.Targets, targets.Signed.Version);
        return true;
    }

    private async Task SyncVendorsAsync(UpdateServerDbContext db, IReadOnlyList<VendorRegistration> listed, CancellationToken cancellationToken)
    {
        var existing = await db.Vendors.ToDictionaryAsync(v => v.Name, StringComparer.Ordinal, cancellationToken);
        foreach (var vendor in listed)
        {
            if (existing.Remove(vendor.Name, out var record))
            {
                record.ApiKeySha256 = vendor.ApiKeySha256;
            }
            else
            {
                db.Vendors.Add(new VendorRecord { Name = vendor.Name, ApiKeySha256 = vendor.ApiKeySha256, CreatedAt = time.GetUtcNow() });
            }
        }

        // The vendor list is the source of truth for who may publish: a vendor no longer listed loses its API key.
        db.Vendors.RemoveRange(existing.Values);
    }

    private static async Task<bool> OnlineMetadataSignedByCurrentKeysAsync(UpdateServerDbContext db, RootMetadata root, CancellationToken cancellationToken)
    {
        var snapshot = await db.LatestAsync(RoleNames.Snapshot, cancellationToken);
        var timestamp = await db.LatestAsync(RoleNames.Timestamp, cancellationToken);
        if (snapshot is null || timestamp is null)
        {
            return false;
        }

        try
        {
            Metadata.FromBytes<SnapshotMetadata>(snapshot.Content).VerifySignedBy(RoleNames.Snapshot, root.Keys, root.RoleFor(RoleNames.Snapshot));
            Metadata.FromBytes<TimestampMetadata>(timestamp.Content).VerifySignedBy(RoleNames.Timestamp, root.Keys, root.RoleFor(RoleNames.Timestamp));
            return true;
        }
        catch (TufException)
        {
            return false;
        }
    }

    private static T Verify<T>(long version, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (TufException e)
        {
            throw new RepositoryImportException($"Root version {version} does not verify: {e.Message}", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Role} metadata version {Version}")]
    private static partial void LogImported(ILogger logger, string role, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed snapshot {Snapshot} and timestamp {Timestamp}")]
    private static partial void LogSigned(ILogger logger, long snapshot, long timestamp);
}
