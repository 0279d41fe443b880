using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpdateServer.Packaging.Repository;
using UpdateServer.Packaging.Trust;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Repository;

/// <summary>
/// Brings the database in line with the repository folder at start: applies migrations, imports a newer root
/// (each version checked against the previous one's threshold and its own) and a newer targets file, syncs the
/// vendor list, checks the online keys against root, and signs snapshot and timestamp when they are missing.
/// Refuses to start, with a message naming the file, when anything does not verify.
/// </summary>
public sealed partial class RepositoryBootstrapper(
    IServiceScopeFactory scopes,
    IOptions<RepositoryOptions> options,
    OnlineKeys keys,
    TimeProvider time,
    ILogger<RepositoryBootstrapper> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>();
        var signer = scope.ServiceProvider.GetRequiredService<OnlineSigner>();
        await db.Database.MigrateAsync(cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rootBefore = await db.LatestVersionAsync(RoleNames.Root, cancellationToken);
        var root = await ImportRootAsync(db, cancellationToken);
        keys.Reload();
        _ = keys.For(root.Signed);
        var targetsChanged = await ImportTargetsAsync(db, root.Signed, cancellationToken);
        await SyncVendorsAsync(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        // A new root may have rotated the online keys: snapshot and timestamp signed by old keys would make every
        // client fail until they expired, so they are re-signed whenever root or targets changed.
        if (targetsChanged || root.Signed.Version != rootBefore || !await OnlineMetadataSignedByCurrentKeysAsync(db, root.Signed, cancellationToken))
        {
            var (snapshot, timestamp) = await signer.SignSnapshotAndTimestampAsync(db, cancellationToken);
            LogSigned(logger, snapshot, timestamp);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<Metadata<RootMetadata>> ImportRootAsync(UpdateServerDbContext db, CancellationToken cancellationToken)
    {
        var file = ReadFile(ServerRepositoryFiles.Root);
        var offered = Parse<RootMetadata>(file, ServerRepositoryFiles.Root);
        var stored = await db.LatestAsync(RoleNames.Root, cancellationToken);
        if (stored is null)
        {
            // First start: the operator's root is the trust anchor; it must at least be signed by its own keys.
            var trusted = new TrustedMetadataSet(file, time.GetUtcNow());
            db.Metadata.Add(trusted.Root.ToRecordOf(file, RoleNames.Root, time.GetUtcNow()));
            LogImported(logger, RoleNames.Root, offered.Signed.Version);
            return trusted.Root;
        }

        var chain = new TrustedMetadataSet(stored.Content, time.GetUtcNow());
        for (var version = stored.Version + 1; version <= offered.Signed.Version; version++)
        {
            // Spec 5.3.4/5.3.5 applied on the repository side: every new root must be signed by a threshold of
            // the previous root's keys and of its own, with consecutive versions.
            var bytes = version == offered.Signed.Version ? file : ReadFile($"{version}.root.json");
            try
            {
                if (!chain.UpdateRoot(bytes))
                {
                    throw new InvalidOperationException($"{version}.root.json in {options.Value.Directory} holds version {version - 1}.");
                }
            }
            catch (TufException e)
            {
                throw new InvalidOperationException($"Root version {version} in {options.Value.Directory} does not verify: {e.Message}", e);
            }

            db.Metadata.Add(chain.Root.ToRecordOf(bytes, RoleNames.Root, time.GetUtcNow()));
            LogImported(logger, RoleNames.Root, version);
        }

        return chain.Root;
    }

    private async Task<bool> ImportTargetsAsync(UpdateServerDbContext db, RootMetadata root, CancellationToken cancellationToken)
    {
        var file = ReadFile(ServerRepositoryFiles.Targets);
        var targets = Parse<TargetsMetadata>(file, ServerRepositoryFiles.Targets);
        var storedVersion = await db.LatestVersionAsync(RoleNames.Targets, cancellationToken);
        if (targets.Signed.Version <= storedVersion)
        {
            return false;
        }

        try
        {
            targets.VerifySignedBy(RoleNames.Targets, root.Keys, root.RoleFor(RoleNames.Targets));
        }
        catch (TufException e)
        {
            throw new InvalidOperationException($"{ServerRepositoryFiles.Targets} is not signed by the targets role of root: {e.Message}", e);
        }

        db.Metadata.Add(targets.ToRecordOf(file, RoleNames.Targets, time.GetUtcNow()));
        LogImported(logger, RoleNames.Targets, targets.Signed.Version);
        return true;
    }

    private static async Task<bool> OnlineMetadataSignedByCurrentKeysAsync(UpdateServerDbContext db, RootMetadata root,
        CancellationToken cancellationToken)
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

    private async Task SyncVendorsAsync(UpdateServerDbContext db, CancellationToken cancellationToken)
    {
        IReadOnlyList<VendorRegistration> listed;
        try
        {
            listed = VendorRegistration.ReadList(ReadFile(ServerRepositoryFiles.Vendors));
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }

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

        // vendors.json is the source of truth for who may publish: a vendor no longer listed loses its API key.
        db.Vendors.RemoveRange(existing.Values);
    }

    private byte[] ReadFile(string name)
    {
        var path = Path.Combine(options.Value.Directory, name);
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new InvalidOperationException($"{path} is missing (Repository:Directory should be the server folder 'upkg repo init' wrote).");
    }

    private static Metadata<T> Parse<T>(byte[] bytes, string name) where T : SignedMetadata, ISignedRole<T>
    {
        try
        {
            return Metadata.FromBytes<T>(bytes);
        }
        catch (MetadataFormatException e)
        {
            throw new InvalidOperationException($"{name} is not valid {T.TypeName} metadata: {e.Message}", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Role} metadata version {Version}")]
    private static partial void LogImported(ILogger logger, string role, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed snapshot {Snapshot} and timestamp {Timestamp}")]
    private static partial void LogSigned(ILogger logger, long snapshot, long timestamp);
}
