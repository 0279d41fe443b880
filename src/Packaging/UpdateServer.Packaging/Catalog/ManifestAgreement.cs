using UpdateServer.Packaging.Packages;

namespace UpdateServer.Packaging.Catalog;

/// <summary>
/// Compares a package's manifest with the signed facts of the target that carries it. The server refuses a
/// publish and the updater refuses an install when they disagree, so a package can never claim to be
/// something its signed target is not.
/// </summary>
public static class ManifestAgreement
{
    /// <summary>Human-readable differences in product, version and kind; empty when they agree.</summary>
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

        return differences;
    }
}
