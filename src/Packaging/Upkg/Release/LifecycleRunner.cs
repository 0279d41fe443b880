using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;
using UpdateServer.Upkg.Cli;
using UpdateServer.Upkg.Keys;
using UpdateServer.Upkg.Publish;

namespace UpdateServer.Upkg.Release;

/// <summary>
/// Moves a published release through its lifecycle (draft → testing → stable, or to yanked) by re-signing the role
/// file that lists it with the new state in the target's facts; bytes, path and identity stay. The role copy read
/// from the server must carry the vendor's own (current) signature, as for a publish; what is signed is recorded in
/// the <see cref="PublishLedger"/>. The server checks the transition again
/// and records it in the release's audit trail.
/// </summary>
public sealed class LifecycleRunner(HttpClient http, TimeProvider time)
{
    /// <exception cref="UpkgException">The release is unknown, the transition is not allowed, or a check fails.</exception>
    /// <exception cref="PublishRefusedException">The server refused the re-signed metadata.</exception>
    public async Task<LifecycleResult> RunAsync(LifecycleChange change, Uri server, string vendor, string keyFile, string apiKey, TimeSpan expires,
        string stateDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var key = KeyFiles.ReadSigningKey(keyFile);
        var client = new PublishClient(http, server);
        var ledger = PublishLedger.Open(stateDirectory, server, vendor);
        var review = new ServerCopyReview(key.PublicKey, previousKey: null, ledger);
        var vendorRole = await client.GetVendorMetadataAsync(vendor, cancellationToken)
            ?? throw new UpkgException($"{vendor} has published nothing yet.");
        review.Admit(vendorRole, vendor);
        var path = $"{vendor}/{change.Product}-{change.Version}.upkg";
        var (role, listing) = await FindListingAsync(client, vendor, vendorRole, path, review, cancellationToken);
        if (!listing.Signed.Targets.TryGetValue(path, out var target))
        {
            throw new UpkgException($"{change.Product} {change.Version} is not published by {vendor} (no target {path}).");
        }

        var facts = ReleaseFacts.FromCustom(target.Custom);
        if (facts.State == change.State && facts.StateReason == (change.Reason ?? facts.StateReason))
        {
            return new LifecycleResult(path, role, facts.State, facts.State, listing.Signed.Version, null);
        }

        if (facts.State != change.State && !ReleaseStates.CanMove(facts.State, change.State))
        {
            throw new UpkgException(
                $"{change.Product} {change.Version} is {facts.State}; it cannot become {change.State} (releases move draft -> testing -> stable, or to yanked, never back).");
        }

        var changed = facts with { State = change.State, StateReason = change.Reason };
        var next = listing.Signed with
        {
            Version = listing.Signed.Version + 1,
            Expires = MetadataClock.ExpiresAfter(time, expires),
            Targets = new Dictionary<string, TargetFile>(listing.Signed.Targets, StringComparer.Ordinal) { [path] = new TargetFile(target.Length, target.Hashes, changed.ToCustom()) { UnrecognizedFields = target.UnrecognizedFields } },
        };
        var signed = Metadata.Create(next).Sign(key);
        var reply = await client.PublishAsync(vendor, apiKey, [(role, signed.ToBytes())], [], null, cancellationToken);
        ledger.Record([next]);
        return new LifecycleResult(path, role, facts.State, change.State, next.Version, reply.SnapshotVersion);
    }

    /// <summary>The role file that lists <paramref name="path"/>: the vendor role, or the hashed bin it delegates the path to.</summary>
    private static async Task<(string Role, Metadata<TargetsMetadata> Listing)> FindListingAsync(PublishClient client, string vendor,
        Metadata<TargetsMetadata> vendorRole, string path, ServerCopyReview review, CancellationToken cancellationToken)
    {
        if (vendorRole.Signed.Delegations is not { } delegations || vendorRole.Signed.Targets.ContainsKey(path))
        {
            return (vendor, vendorRole);
        }

        var bin = BinLayout.BinFor(delegations, path).Name;
        var listing = await client.GetRoleMetadataAsync(bin, cancellationToken)
            ?? throw new UpkgException($"the server has no {bin}.json, which {vendor} delegates {path} to.");
        review.Admit(listing, bin);
        return (bin, listing);
    }
}
