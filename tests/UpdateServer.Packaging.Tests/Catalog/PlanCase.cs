using NuGet.Versioning;
using UpdateServer.Packaging.Catalog;

namespace UpdateServer.Packaging.Tests.Catalog;

/// <summary>
/// One row of the planner table: a catalog, a machine, the steps expected ("product version, ...") and a fragment
/// that must appear among the held-back or unsatisfied reasons ("" when none is expected).
/// </summary>
public sealed record PlanCase(string Name, IReadOnlyList<ReleaseFacts> Releases, DeviceProfile Device, string Steps, string Note)
{
    public override string ToString() => Name;

    /// <summary>The releases as a catalog, through the same indexes (drivers by hardware ID) as an offline bundle's.</summary>
    public static ReleaseList Catalog(IEnumerable<ReleaseFacts> releases) =>
        new(releases.Select(f => new CatalogRelease($"{f.Vendor}/{f.Product}-{f.Version.ToNormalizedString()}.upkg", 100, new string('0', 64), f)));

    public static ReleaseFacts R(string product, string version, string kind = ProductKinds.Platform, string channel = "stable",
        string state = ReleaseStates.Stable, string[]? hardware = null, string[]? requires = null, string? installableFrom = null,
        string? upgrades = null, string[]? supersedes = null, string[]? os = null) => new()
        {
            Product = product,
            Version = NuGetVersion.Parse(version),
            Kind = kind,
            Channel = channel,
            State = state,
            OperatingSystems = os ?? [],
            HardwareIds = (hardware ?? []).Select(h => HardwareIdPattern.TryParse(h, out var p) ? p! : throw new ArgumentException(h)).ToList(),
            Requires = (requires ?? []).Select(r => r.Split(' ')).Select(r => new Requirement(r[0], VersionRange.Parse(r[1]))).ToList(),
            InstallableFrom = installableFrom is null ? null : VersionRange.Parse(installableFrom),
            Upgrades = upgrades?.Split(' ') is [var target, var from, var to] ? new UpgradeSpec(target, VersionRange.Parse(from), NuGetVersion.Parse(to)) : null,
            Supersedes = supersedes ?? [],
        };

    public static DeviceProfile Machine(string[]? managed = null, string[]? installed = null, string[]? hardware = null, string channel = "stable",
        bool testRing = false, string[]? components = null, string[]? pins = null, string? updater = null, string os = "linux",
        string[]? driverVendors = null) => new()
        {
            Os = os,
            Arch = "x64",
            Channel = channel,
            TestRing = testRing,
            Managed = managed ?? [],
            Installed = Versions(installed),
            Components = Versions(components),
            HardwareIds = hardware ?? [],
            Pins = (pins ?? []).Select(p => p.Split(' ')).ToDictionary(p => p[0], p => VersionRange.Parse(p[1])),
            UpdaterProduct = updater,
            DriverVendors = new HashSet<string>(driverVendors ?? ["acme"], StringComparer.Ordinal),
        };

    private static Dictionary<string, NuGetVersion> Versions(string[]? pairs) =>
        (pairs ?? []).Select(p => p.Split(' ')).ToDictionary(p => p[0], p => NuGetVersion.Parse(p[1]));
}
