using UpdateServer.Packaging.Trust;
using UpdateServer.Upkg.Cli;
using UpdateServer.Upkg.Keys;

namespace UpdateServer.Upkg.Publish;

/// <summary>
/// Publishes packages as the vendor: verifies each package, reads the vendor's current metadata from the server and
/// checks it carries the vendor's own signature (<see cref="ServerCopyReview"/>), signs the next version with the new
/// targets added, uploads it with the new packages, and records what it signed (<see cref="PublishLedger"/>). Nothing
/// is signed or sent when a check fails.
/// </summary>
public sealed class PublishRunner(HttpClient http, TimeProvider time)
{
    public const string Added = "added";
    public const string AlreadyPublished = "already-published";

    /// <exception cref="UpkgException">A package, the key, the server's copy of the metadata or the network fails a check.</exception>
    /// <exception cref="PublishRefusedException">The server refused the upload.</exception>
    public async Task<PublishReport> RunAsync(PublishOptions options, IUploadDisplay display, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(display);
        var candidates = new List<PublishCandidate>();
        foreach (var file in options.Packages)
        {
            candidates.Add(await PublishCandidate.InspectAsync(file, options, cancellationToken));
        }

        return await RunAsync(options, candidates, display, cancellationToken);
    }

    /// <summary>Publishes files already verified and described as targets (packages or bulletins).</summary>
    /// <exception cref="UpkgException">The key, the server's copy of the metadata or the network fails a check.</exception>
    /// <exception cref="PublishRefusedException">The server refused the upload.</exception>
    public async Task<PublishReport> RunAsync(PublishOptions options, IReadOnlyList<PublishCandidate> candidates, IUploadDisplay display,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(display);
        var key = KeyFiles.ReadSigningKey(options.KeyFile);

        // After a key replacement the previous key's signature is accepted once, to adopt the new key; the ledger is
        // what vouches for the targets such a copy lists.
        var ledger = PublishLedger.Open(options.StateDirectory, options.Server, options.Vendor);
        var review = new ServerCopyReview(key.PublicKey, options.PreviousKeyFile is { } previous ? KeyFiles.ReadPublicKey(previous) : null, ledger);
        var client = new PublishClient(http, options.Server);
        var current = await client.GetVendorMetadataAsync(options.Vendor, cancellationToken);
        if (current is not null)
        {
            review.Admit(current, options.Vendor);
        }

        if (options.Bins > 0 || current?.Signed.Delegations is not null)
        {
            return await PublishBinnedAsync(options, key, client, current?.Signed, candidates, review, ledger, display, cancellationToken);
        }

        var update = VendorTargetsUpdate.Plan(current?.Signed, candidates, MetadataClock.ExpiresAfter(time, options.Expires));
        if (update.Added.Count == 0 && !options.Resign)
        {
            return Report(options.Vendor, current!.Signed.Version, null, null, update, [], [.. current.Signed.Targets.Keys]);
        }

        review.RequireConfirmed(options.ConfirmUnrecorded, options.Server);
        var signed = Metadata.Create(update.Metadata).Sign(key);
        var description = $"Uploading {update.Added.Count} package(s) to {options.Server.Host}";
        var reply = await display.ShowAsync(description, update.Added.Sum(c => c.Length),
            progress => client.PublishAsync(options.Vendor, options.ApiKey, signed.ToBytes(), update.Added, progress, cancellationToken));
        ledger.Record([signed.Signed]);
        return Report(reply.Vendor, reply.MetadataVersion, reply.SnapshotVersion, reply.TimestampVersion, update, reply.AddedTargets, reply.Targets);
    }

    private async Task<PublishReport> PublishBinnedAsync(PublishOptions options, Packaging.Trust.Keys.SigningKey key, PublishClient client,
        TargetsMetadata? current, IReadOnlyList<PublishCandidate> candidates, ServerCopyReview review, PublishLedger ledger, IUploadDisplay display,
        CancellationToken cancellationToken)
    {
        var (files, added, already) = await new BinnedPublish(client, key, review).PlanAsync(options.Vendor, current, options.Bins, candidates,
            options.Resign, MetadataClock.ExpiresAfter(time, options.Expires), cancellationToken);
        List<PublishedPackage> packages = [.. added.Select(c => c.Describe(Added)), .. already.Select(c => c.Describe(AlreadyPublished))];
        if (files.Count == 0)
        {
            return new PublishReport(options.Vendor, current?.Version ?? 0, null, null, [], [], packages);
        }

        review.RequireConfirmed(options.ConfirmUnrecorded, options.Server);
        var description = $"Uploading {added.Count} package(s) to {options.Server.Host}";
        var reply = await display.ShowAsync(description, added.Sum(c => c.Length),
            progress => client.PublishAsync(options.Vendor, options.ApiKey, files, added, progress, cancellationToken));
        ledger.Record(files.Select(f => Metadata.FromBytes<TargetsMetadata>(f.Bytes).Signed));
        return new PublishReport(reply.Vendor, reply.MetadataVersion, reply.SnapshotVersion, reply.TimestampVersion, reply.AddedTargets, reply.Targets, packages);
    }

    private static PublishReport Report(string vendor, long metadataVersion, long? snapshotVersion, long? timestampVersion,
        VendorTargetsUpdate update, IReadOnlyList<string> addedTargets, IReadOnlyList<string> targets)
    {
        return new PublishReport(vendor, metadataVersion, snapshotVersion, timestampVersion,
            addedTargets,
            targets,
            [.. update.Added.Select(c => c.Describe(Added)), .. update.AlreadyPublished.Select(c => c.Describe(AlreadyPublished))]);
    }
}
