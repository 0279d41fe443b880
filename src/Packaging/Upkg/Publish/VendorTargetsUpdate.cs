using UpdateServer.Packaging.Trust;
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
