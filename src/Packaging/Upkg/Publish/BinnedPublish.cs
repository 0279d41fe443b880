using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Publish;

/// <summary>
/// Plans a publish for a vendor whose role delegates to hashed bins (<see cref="BinLayout"/>): new targets go into
/// their bins, each changed bin gets its next version signed by the vendor key; the vendor role itself changes only
/// when bins are first set up (existing targets move into them), when its key changed, or on a re-sign. Every bin
/// copy read from the server must pass the same <see cref="ServerCopyReview"/> as the vendor role.
/// </summary>
public sealed class BinnedPublish(PublishClient client, SigningKey key, ServerCopyReview review)
{
    /// <summary>The signed role files to upload, the packages that are new and those published already.</summary>
    /// <exception cref="UpkgException">A bin copy is not the vendor's, or a package conflicts with a published one.</exception>
    public async Task<(List<(string Role, byte[] Bytes)> Files, List<PublishCandidate> Added, List<PublishCandidate> AlreadyPublished)> PlanAsync(
        string vendor, TargetsMetadata? vendorRole, int requestedBins, IReadOnlyList<PublishCandidate> candidates, bool resign,
        DateTimeOffset expires, CancellationToken cancellationToken)
    {
        var files = new List<(string, byte[])>();
        var bins = new Dictionary<string, TargetsMetadata>(StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var delegations = vendorRole?.Delegations;
        var vendorChanged = resign;
        if (delegations is null)
        {
            if (!BinLayout.IsSupportedCount(requestedBins))
            {
                throw new UsageException("--bins must be 16 or 256.");
            }

            // Set up: every bin exists from the start (a client must find each delegated role in the snapshot),
            // and the targets the vendor role listed so far move into their bins.
            delegations = BinLayout.Delegations(vendor, key.PublicKey, requestedBins);
            foreach (var bin in delegations.Roles)
            {
                bins[bin.Name] = new TargetsMetadata { Version = 0, Expires = expires };
                changed.Add(bin.Name);
            }

            foreach (var (path, target) in vendorRole?.Targets ?? new Dictionary<string, TargetFile>())
            {
                var bin = BinLayout.BinFor(delegations, path).Name;
                bins[bin] = bins[bin] with { Targets = new Dictionary<string, TargetFile>(bins[bin].Targets) { [path] = target } };
            }

            vendorChanged = true;
        }
        else if (delegations.Roles.Any(r => !r.Keys.KeyIds.SequenceEqual([key.KeyId])))
        {
            // The operator replaced the vendor key: the bins must now trust the new key, and be signed by it.
            delegations = BinLayout.WithKey(delegations, key.PublicKey);
            vendorChanged = true;
            resign = true;
        }

        var added = new List<PublishCandidate>();
        var already = new List<PublishCandidate>();
        foreach (var candidate in candidates)
        {
            var bin = BinLayout.BinFor(delegations, candidate.TargetPath).Name;
            var current = bins.TryGetValue(bin, out var loaded) ? loaded : bins[bin] = await FetchAsync(bin, cancellationToken);
            if (current.Targets.TryGetValue(candidate.TargetPath, out var listed))
            {
                if (listed.Length != candidate.Length || listed.Sha256 != candidate.Sha256)
                {
                    throw new UpkgException($"{candidate.TargetPath} is already published with other contents; publish a new version instead.");
                }

                already.Add(candidate);
                continue;
            }

            bins[bin] = current with { Targets = new Dictionary<string, TargetFile>(current.Targets) { [candidate.TargetPath] = candidate.ToTargetFile() } };
            changed.Add(bin);
            added.Add(candidate);
        }

        if (resign)
        {
            foreach (var bin in delegations.Roles.Where(b => !bins.ContainsKey(b.Name)))
            {
                bins[bin.Name] = await FetchAsync(bin.Name, cancellationToken);
            }

            changed.UnionWith(delegations.Roles.Select(b => b.Name));
        }

        if (vendorChanged)
        {
            var next = new TargetsMetadata { Version = (vendorRole?.Version ?? 0) + 1, Expires = expires, Delegations = delegations };
            files.Add((vendor, Metadata.Create(next).Sign(key).ToBytes()));
        }

        foreach (var bin in changed.Order(StringComparer.Ordinal))
        {
            var next = bins[bin] with { Version = bins[bin].Version + 1, Expires = expires };
            files.Add((bin, Metadata.Create(next).Sign(key).ToBytes()));
        }

        return (files, added, already);
    }

    /// <summary>A bin's current metadata, which must pass the review; an empty version 0 when the server has none.</summary>
    private async Task<TargetsMetadata> FetchAsync(string bin, CancellationToken cancellationToken)
    {
        var copy = await client.GetRoleMetadataAsync(bin, cancellationToken);
        if (copy is null)
        {
            return new TargetsMetadata { Version = 0, Expires = DateTimeOffset.UnixEpoch };
        }

        review.Admit(copy, bin);
        return copy.Signed;
    }
}
