using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.Packaging.Api;

/// <summary>
/// One step of the install plan: the release to install (its target, length and hashes), which product's version it
/// moves from what to what (an upgrade package moves another product), and why.
/// </summary>
public sealed record PlannedInstall(
    string Product,
    string Version,
    string Kind,
    string Channel,
    bool Mandatory,
    string InstallsProduct,
    string? FromVersion,
    string ToVersion,
    string TargetPath,
    long Length,
    IReadOnlyDictionary<string, string> Hashes,
    string Reason)
{
    /// <summary>The step as the check API states it.</summary>
    public static PlannedInstall From(PlanStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var facts = step.Release.Facts;
        return new PlannedInstall(facts.Product, facts.Version.ToFullString(), facts.Kind, facts.Channel, facts.Mandatory, step.Product,
            step.From?.ToFullString(), step.To.ToFullString(), step.Release.TargetPath, step.Release.Length,
            new Dictionary<string, string>(StringComparer.Ordinal) { [FileHashes.Sha256] = step.Release.Sha256 }, step.Reason);
    }
}
