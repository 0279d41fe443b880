using UpdateServer.Packaging.Trust;

namespace UpdateServer.Upkg.Repo;

/// <summary>How far a pending file is from being committable: valid signatures against each threshold it must meet.</summary>
/// <param name="Role">The role whose keys count (root or targets).</param>
/// <param name="Against">Which root's keys: "new root v3", "current root v2".</param>
/// <param name="Valid">Distinct keys of that root's role with a valid signature.</param>
/// <param name="Threshold">How many are needed.</param>
public sealed record MetadataSignatures(string Role, string Against, int Valid, int Threshold)
{
    public bool Met => Valid >= Threshold;

    public static MetadataSignatures Count<T>(Metadata<T> metadata, string role, RootMetadata root, string against)
        where T : SignedMetadata, ISignedRole<T> =>
        new(role, against, SignatureThreshold.CountValid(metadata.CanonicalSigned.Span, metadata.Signatures, root.Keys, root.RoleFor(role)),
            root.RoleFor(role).Threshold);

    /// <summary>The thresholds a pending root must meet (TUF spec 5.3.4): its own, and the current root's.</summary>
    public static IReadOnlyList<MetadataSignatures> ForRoot(Metadata<RootMetadata> pending, RootMetadata current) =>
    [
        Count(pending, RoleNames.Root, pending.Signed, $"new root v{pending.Signed.Version}"),
        Count(pending, RoleNames.Root, current, $"current root v{current.Version}"),
    ];

    /// <summary>The threshold pending targets must meet: the targets role of the root it will live under.</summary>
    public static IReadOnlyList<MetadataSignatures> ForTargets(Metadata<TargetsMetadata> pending, RootMetadata root) =>
        [Count(pending, RoleNames.Targets, root, $"root v{root.Version}")];
}
