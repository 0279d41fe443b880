using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;
using UpdateServer.Server.Bulletins;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Data;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Repository;
using UpdateServer.Server.Storage;
using UpdateServer.Server.Webhooks;

namespace UpdateServer.Server.Publishing;

/// <summary>
/// Publishes all or nothing: validate the signed metadata, inspect the packages, store the blobs, then in one
/// database transaction record the vendor's metadata and releases and sign a new snapshot and timestamp. A
/// release is visible only after that commit; a crash before it leaves at most unreferenced blobs, never a
/// half-published release, and the same request can simply be sent again.
/// </summary>
public sealed partial class PublishService(
    UpdateServerDbContext db,
    IBlobStore blobs,
    OnlineSigner signer,
    RepositoryChanges changes,
    PublishLock publishLock,
    BulletinIndexer bulletinIndexer,
    WebhookOutbox outbox,
    IOptions<RepositoryOptions> options,
    IOptions<BulletinOptions> bulletinOptions,
    TimeProvider time,
    ILogger<PublishService> logger)
{
    private const int MaxCommitAttempts = 5;

    public async Task<PublishResult> PublishAsync(string vendor, PublishUpload upload, CancellationToken cancellationToken)
    {
        var topLevel = await LatestTargetsAsync(RoleNames.Targets, cancellationToken)
            ?? throw new ProblemException(StatusCodes.Status503ServiceUnavailable, ProblemTypes.RepositoryNotInitialized,
                "Repository not initialized", "The repository has no targets metadata yet.");
        var history = await db.Releases.AsNoTracking().Where(r => r.Vendor == vendor)
            .ToDictionaryAsync(r => r.TargetPath, r => new PublishedTarget(r.Length, r.Sha256, r.Product, r.Version, r.Kind, r.State, r.CustomJson), StringComparer.Ordinal,
                cancellationToken);
        // Only what identifies each revision's target: the stored documents themselves are not needed here.
        var revisions = await db.BulletinRevisions.Where(r => r.Vendor == vendor)
            .Select(r => new { r.TargetPath, r.Length, r.Sha256, r.BulletinId, r.Revision }).ToListAsync(cancellationToken);
        foreach (var revision in revisions)
        {
            history[revision.TargetPath] = new PublishedTarget(revision.Length, revision.Sha256, revision.BulletinId,
                $"r{revision.Revision}", BulletinFacts.Kind, ReleaseStates.Stable,
                new BulletinFacts(revision.BulletinId, revision.Revision).ToCustom().ToJsonString());
        }

        var plan = PublishValidator.Validate(vendor, topLevel, await CurrentRolesAsync(vendor, cancellationToken), history, upload.Metadata,
            upload.Packages, time.GetUtcNow());
        await PackageInspection.InspectAsync(plan, blobs, options.Value.MaxUnpackedBytes, cancellationToken);
        var bulletins = await BulletinInspection.InspectAsync(plan, blobs, db, bulletinOptions.Value.MaxDocumentBytes, cancellationToken);

        foreach (var target in plan.NewTargets.Where(t => t.Upload is not null))
        {
            await using var content = File.OpenRead(target.Upload!.Path);
            await blobs.PutAsync(BlobKeys.ForTarget(target.File.Sha256), content, cancellationToken);
        }

        foreach (var bulletin in bulletins)
        {
            using var content = new MemoryStream(bulletin.Bytes, writable: false);
            await blobs.PutAsync(BlobKeys.ForTarget(bulletin.Target.File.Sha256), content, cancellationToken);
        }

        using (await publishLock.AcquireAsync(cancellationToken))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var result = await CommitAsync(plan, bulletins, topLevel.Version, cancellationToken);
                    outbox.Notify();
                    LogPublished(logger, vendor, plan.Roles.Count, result.SnapshotVersion, result.AddedTargets.Count);
                    return result;
                }
                catch (DbUpdateException e) when (attempt < MaxCommitAttempts)
                {
                    // Not expected while the repository transaction serializes commits; kept as the backstop the
                    // unique (role, version) index gives: start over on top of the winner's versions.
                    LogCommitRetry(logger, vendor, attempt, e);
                    db.ChangeTracker.Clear();
                }
                catch (DbUpdateException e)
                {
                    throw new ProblemException(StatusCodes.Status409Conflict, ProblemTypes.Conflict, "Concurrent publishes",
                        $"The repository changed {MaxCommitAttempts} times while committing; try again. ({e.InnerException?.Message ?? e.Message})");
                }
            }
        }
    }

    private async Task<PublishResult> CommitAsync(PublishPlan plan, IReadOnlyList<InspectedBulletin> bulletins, long validatedTargetsVersion,
        CancellationToken cancellationToken)
    {
        await using var transaction = await changes.BeginAsync(db, cancellationToken);
        if (await db.LatestVersionAsync(RoleNames.Targets, cancellationToken) != validatedTargetsVersion)
        {
            // The operator changed the delegations (another instance may have imported them) after this upload was checked.
            throw new ProblemException(StatusCodes.Status409Conflict, ProblemTypes.Conflict, "Delegations changed",
                "targets.json changed while the upload was being checked; send it again.");
        }

        var now = time.GetUtcNow();
        foreach (var role in plan.Roles)
        {
            var current = await db.LatestVersionAsync(role.Role, cancellationToken);
            if (current != role.Metadata.Signed.Version - 1)
            {
                throw new ProblemException(StatusCodes.Status409Conflict, ProblemTypes.MetadataVersionConflict, "Metadata version conflict",
                    $"Version {current} of \"{role.Role}\" was published meanwhile; fetch it and sign again.");
            }

            db.Metadata.Add(role.Metadata.ToRecordOf(role.Bytes, role.Role, now));
        }

        await SyncReleasesAsync(plan, now, cancellationToken);
        await bulletinIndexer.IndexAsync(db, plan.Vendor, bulletins, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var (snapshot, timestamp) = await signer.SignSnapshotAndTimestampAsync(transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var vendorVersion = plan.Roles.FirstOrDefault(r => r.Role == plan.Vendor)?.Metadata.Signed.Version
            ?? await db.LatestVersionAsync(plan.Vendor, cancellationToken);
        return new PublishResult(plan.Vendor, vendorVersion, snapshot, timestamp,
            [.. plan.NewTargets.Select(t => t.Path), .. bulletins.Select(b => b.Target.Path)],
            [.. plan.Targets.Select(t => t.Path), .. plan.Bulletins.Select(b => b.Path)]);
    }

    /// <summary>Makes the vendor's release rows mirror its new metadata: new targets added, facts updated, removed targets dropped.</summary>
    private async Task SyncReleasesAsync(PublishPlan plan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await db.Releases.Where(r => r.Vendor == plan.Vendor).ToDictionaryAsync(r => r.TargetPath, StringComparer.Ordinal, cancellationToken);
        foreach (var target in plan.Targets)
        {
            var custom = target.File.Custom!.ToJsonString();
            if (existing.Remove(target.Path, out var record))
            {
                // The validator guaranteed the same bytes, the same product, version and kind, and an allowed state change.
                if (record.State != target.Facts.State || record.RemovedAt is not null)
                {
                    db.ReleaseEvents.Add(ReleaseEvents.Of(plan, target, record.RemovedAt is null ? ReleaseEvents.StateChanged : ReleaseEvents.Restored,
                        record.State, now));
                }
                else if (ReleaseEvents.FactChanges(record, target.Facts) is { Length: > 0 } changes)
                {
                    db.ReleaseEvents.Add(ReleaseEvents.Of(plan, target, ReleaseEvents.FactsChanged, record.State, now, changes));
                }

                record.CustomJson = custom;
                record.Channel = target.Facts.Channel;
                record.State = target.Facts.State;
                record.RemovedAt = null;
                continue;
            }

            db.ReleaseEvents.Add(ReleaseEvents.Of(plan, target, ReleaseEvents.Published, null, now));
            db.Releases.Add(new ReleaseRecord
            {
                Vendor = plan.Vendor,
                TargetPath = target.Path,
                Product = target.Facts.Product,
                Version = target.Facts.Version.ToFullString(),
                Kind = target.Facts.Kind,
                Channel = target.Facts.Channel,
                State = target.Facts.State,
                Length = target.File.Length,
                Sha256 = target.File.Sha256,
                CustomJson = custom,
                MetadataVersion = plan.VersionOf(target.Role),
                PublishedAt = now,
            });
        }

        foreach (var removed in existing.Values.Where(r => r.RemovedAt is null))
        {
            removed.RemovedAt = now;
            db.ReleaseEvents.Add(ReleaseEvents.Removal(plan, removed, now));
        }
    }

    /// <summary>The vendor's roles as stored now, signatures included: its own and its sub-roles (<c>vendor.*</c>), newest version of each.</summary>
    private async Task<Dictionary<string, Metadata<TargetsMetadata>>> CurrentRolesAsync(string vendor, CancellationToken cancellationToken)
    {
        var prefix = vendor + ".";
        return await db.NewestOfEachRole().Where(m => m.Role == vendor || m.Role.StartsWith(prefix))
            .ToDictionaryAsync(m => m.Role, m => Metadata.FromBytes<TargetsMetadata>(m.Content), StringComparer.Ordinal, cancellationToken);
    }

    private async Task<TargetsMetadata?> LatestTargetsAsync(string role, CancellationToken cancellationToken) =>
        await db.LatestAsync(role, cancellationToken) is { } record ? Metadata.FromBytes<TargetsMetadata>(record.Content).Signed : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Vendor} ({Roles} role file(s)): snapshot {Snapshot}, {Added} new target(s)")]
    private static partial void LogPublished(ILogger logger, string vendor, int roles, long snapshot, int added);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publish of {Vendor} lost a commit race (attempt {Attempt}); retrying")]
    private static partial void LogCommitRetry(ILogger logger, string vendor, int attempt, Exception exception);
}
