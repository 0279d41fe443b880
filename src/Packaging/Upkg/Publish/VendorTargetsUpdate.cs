using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Publish;

/// <summary>
/// The vendor's next delegated targets metadata: everything it listed before plus the new packages, one version up.
/// Pure: reads and writes nothing, so it is the place to test what a vendor signs.
/// </summary>
/// <param name="Metadata">The new "signed" part, not yet signed.</param>
/// <param name="Added">Candidates whose target is new: these are uploaded.</param>
/// <param name="AlreadyPublished">Candidates listed before with the same length and hash: neither re-listed nor uploaded.</param>
public sealed record VendorTargetsUpdate(TargetsMetadata Metadata, IReadOnlyList<PublishCandidate> Added, IReadOnlyList<PublishCandidate> AlreadyPublished)
{
    /// <summary>
    /// Refuses metadata the vendor did not sign. The vendor only ever signs on top of its own earlier metadata, so a
    /// server (or anyone in between) can never get targets the vendor did not publish signed by the vendor's key.
    /// </summary>
    /// <exception cref="UpkgException">The metadata does not carry a valid signature by <paramref name="vendorKey"/>.</exception>
    public static void RequireSignedBy(Metadata<TargetsMetadata> current, string vendor, TufKey vendorKey)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(vendorKey);
        var keys = new Dictionary<string, TufKey>(StringComparer.Ordinal) { [vendorKey.KeyId] = vendorKey };
        try
        {
            current.VerifySignedBy(vendor, keys, new RoleKeys([vendorKey.KeyId], 1));
        }
        catch (SignatureThresholdNotMetException e)
        {
            throw new UpkgException(
                $"the server's copy of {vendor}.json (version {current.Signed.Version}) is not signed by your key {vendorKey.KeyId}; refusing to sign on top of it.", e);
        }
    }

    /// <summary>Plans the next metadata.</summary>
    /// <param name="previous">The vendor's current metadata, already checked with <see cref="RequireSignedBy"/>; null before the first publish.</param>
    /// <param name="candidates">The packages to publish.</param>
    /// <param name="expires">The new metadata's expiry, whole seconds.</param>
    /// <exception cref="UpkgException">A target path is already listed with another length or hash: published targets never change.</exception>
    public static VendorTargetsUpdate Plan(TargetsMetadata? previous, IReadOnlyList<PublishCandidate> candidates, DateTimeOffset expires)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var targets = new Dictionary<string, TargetFile>(previous?.Targets ?? new Dictionary<string, TargetFile>(), StringComparer.Ordinal);
        var added = new List<PublishCandidate>();
        var alreadyPublished = new List<PublishCandidate>();
        foreach (var candidate in candidates)
        {
            if (targets.TryGetValue(candidate.TargetPath, out var listed))
            {
                if (!IsSameFile(listed, candidate))
                {
                    throw new UpkgException(
                        $"{candidate.TargetPath} is already published with other contents; {candidate.FileName} differs from it. Publish a new version instead.");
                }

                // The same file named twice on one command line is uploaded once.
                if (!added.Any(a => a.TargetPath == candidate.TargetPath))
                {
                    alreadyPublished.Add(candidate);
                }

                continue;
            }

            targets[candidate.TargetPath] = candidate.ToTargetFile();
            added.Add(candidate);
        }

        var metadata = new TargetsMetadata
        {
            Version = (previous?.Version ?? 0) + 1,
            Expires = expires,
            Targets = targets,
        };
        return new VendorTargetsUpdate(metadata, added, alreadyPublished);
    }

    private static bool IsSameFile(TargetFile listed, PublishCandidate candidate) =>
        listed.Length == candidate.Length
        && listed.Hashes.TryGetValue(FileHashes.Sha256, out var sha256)
        && string.Equals(sha256, candidate.Sha256, StringComparison.OrdinalIgnoreCase);
}
