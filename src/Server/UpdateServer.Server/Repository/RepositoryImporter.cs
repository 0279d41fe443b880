using Microsoft.EntityFrameworkCore;
using UpdateServer.Packaging.Repository;
using UpdateServer.Packaging.Trust;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Repository;

/// <summary>
/// Imports offline-signed documents into the database, verifying them as clients will: each new root signed by a
/// threshold of the previous root's keys and of its own with the next version (spec 5.3.4, 5.3.5), targets signed
/// by the targets role of the newest root. Then makes the vendor table match a newer vendor list and, when root or
/// targets changed or the online metadata is not signed by the keys root now names, signs snapshot and timestamp.
/// The database is authoritative once a document is imported: only newer versions replace it (see
/// <see cref="DocumentOrigin"/> for what an older one means). Runs inside the caller's <see cref="RepositoryTransaction"/>; throws
/// <see cref="RepositoryImportException"/> naming what does not verify.
/// </summary>
public sealed partial class RepositoryImporter(OnlineKeys keys, OnlineSigner signer, TimeProvider time, ILogger<RepositoryImporter> logger)
{
    public async Task<RepositoryImportResult> ImportAsync(RepositoryTransaction transaction, RepositoryDocuments documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(documents);
        var db = transaction.Db;
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

        var targetsChanged = documents.Targets is { } targets && await ImportTargetsAsync(db, root, targets, documents.Origin, cancellationToken);
        if (documents.Vendors is { } vendors)
        {
            var before = await VendorListImport.ImportAsync(db, vendors, documents.Origin, time.GetUtcNow(), cancellationToken);
            if (vendors.Version > before)
            {
                LogImported(logger, "vendor list", vendors.Version);
            }
            else if (vendors.Version < before)
            {
                LogFolderOlder(logger, ServerRepositoryFiles.Vendors, vendors.Version, before);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (targetsChanged || root.Version != rootBefore || !await OnlineMetadataSignedByCurrentKeysAsync(db, root, cancellationToken))
        {
            // A new root may have rotated the online keys: snapshot and timestamp signed by the old ones would fail
            // every client until they expired.
            var (snapshot, timestamp) = await signer.SignSnapshotAndTimestampAsync(transaction, cancellationToken);
            LogSigned(logger, snapshot, timestamp);
        }

        return new RepositoryImportResult(root.Version, await db.LatestVersionAsync(RoleNames.Targets, cancellationToken),
            await db.LatestVersionAsync(RoleNames.Snapshot, cancellationToken), await db.LatestVersionAsync(RoleNames.Timestamp, cancellationToken),
            await VendorListImport.LatestVersionAsync(db, cancellationToken),
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

    private async Task<bool> ImportTargetsAsync(UpdateServerDbContext db, RootMetadata root, byte[] bytes, DocumentOrigin origin,
        CancellationToken cancellationToken)
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

        if (await db.LatestAsync(RoleNames.Targets, cancellationToken) is { } stored && targets.Signed.Version <= stored.Version)
        {
            RequireNothingNew(targets, stored, origin);
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

    /// <summary>
    /// An offered targets file no newer than the stored one. From the folder it is nothing new (the folder may still hold
    /// what was deployed before a push); pushed, only the very version stored is (a push repeats every document).
    /// </summary>
    private void RequireNothingNew(Metadata<TargetsMetadata> offered, MetadataRecord stored, DocumentOrigin origin)
    {
        var version = offered.Signed.Version;
        if (origin == DocumentOrigin.Folder)
        {
            if (version < stored.Version)
            {
                LogFolderOlder(logger, ServerRepositoryFiles.Targets, version, stored.Version);
            }

            return;
        }

        if (version < stored.Version)
        {
            throw new RepositoryImportException($"targets.json version {version} is older than the imported version {stored.Version}.");
        }

        if (!Metadata.FromBytes<TargetsMetadata>(stored.Content).CanonicalSigned.Span.SequenceEqual(offered.CanonicalSigned.Span))
        {
            throw new RepositoryImportException(
                $"targets.json version {version} differs from the imported version {version}; sign the change as version {version + 1}.");
        }
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

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{File} in the repository folder is version {Offered}; version {Imported} was imported before (pushed), and stays")]
    private static partial void LogFolderOlder(ILogger logger, string file, long offered, long imported);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed snapshot {Snapshot} and timestamp {Timestamp}")]
    private static partial void LogSigned(ILogger logger, long snapshot, long timestamp);
}
