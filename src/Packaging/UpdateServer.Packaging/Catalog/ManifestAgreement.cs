using UpdateServer.Packaging.Packages;

namespace UpdateServer.Packaging.Catalog;

/// <summary>
/// Compares a package's manifest with the signed facts of the target that carries it. The server refuses a
/// publish and the updater refuses an install when they disagree, so a package can never claim to be
/// something its signed target is not.
/// </summary>
public static class ManifestAgreement
{
    /// <summary>Human-readable differences in product, version, kind and applicability; empty when they agree.</summary>
    public static IReadOnlyList<string> Differences(ReleaseFacts facts, PackageManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(manifest);
        var differences = new List<string>();
        if (manifest.Product != facts.Product)
        {
            differences.Add($"product \"{facts.Product}\" vs manifest \"{manifest.Product}\"");
        }

        if (manifest.Version.ToFullString() != facts.Version.ToFullString())
        {
            differences.Add($"version {facts.Version.ToFullString()} vs manifest {manifest.Version.ToFullString()}");
        }

        var kind = PackageKindNames.ToJson(manifest.Kind);
        if (kind != facts.Kind)
        {
            differences.Add($"kind {facts.Kind} vs manifest {kind}");
        }

        differences.AddRange(ApplicabilityDifferences(facts, manifest));
        return differences;
    }

    /// <summary>
    /// The install-relevant applicability facts (hardware IDs, requirements, installable-from range, upgrade, supersedes)
    /// must be signed as the manifest states them. OS and architecture may be narrowed at publish, so they are not compared.
    /// </summary>
    private static IEnumerable<string> ApplicabilityDifferences(ReleaseFacts facts, PackageManifest manifest)
    {
        ReleaseFacts stated;
        try
        {
            stated = ReleaseFacts.FromManifest(manifest);
        }
        catch (ReleaseFactsException e)
        {
            return [$"the manifest's applicability is invalid: {e.Message}"];
        }

        return ApplicabilityDifferences(facts, stated, "manifest");
    }

    /// <summary>
    /// How <paramref name="other"/>'s hardware IDs, requirements, installable-from range, upgrade and supersedes differ
    /// from <paramref name="facts"/>', each as <c>fact [facts' value] vs NAME [other's value]</c>; empty when they agree.
    /// </summary>
    public static IReadOnlyList<string> ApplicabilityDifferences(ReleaseFacts facts, ReleaseFacts other, string otherName)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(other);
        var pairs = new (string Fact, string Signed, string Other)[]
        {
            ("hardwareIds", string.Join(", ", facts.HardwareIds.Select(h => h.Text)), string.Join(", ", other.HardwareIds.Select(h => h.Text))),
            ("requires", string.Join(", ", facts.Requires), string.Join(", ", other.Requires)),
            ("installableFrom", facts.InstallableFrom?.ToNormalizedString() ?? "any", other.InstallableFrom?.ToNormalizedString() ?? "any"),
            ("upgrades", Describe(facts.Upgrades), Describe(other.Upgrades)),
            ("supersedes", string.Join(", ", facts.Supersedes), string.Join(", ", other.Supersedes)),
        };
        return pairs.Where(p => p.Signed != p.Other).Select(p => $"{p.Fact} [{p.Signed}] vs {otherName} [{p.Other}]").ToList();
    }

    private static string Describe(UpgradeSpec? upgrade) =>
        upgrade is null ? "none" : $"{upgrade.Product} {upgrade.From.ToNormalizedString()} -> {upgrade.To.ToFullString()}";
}
