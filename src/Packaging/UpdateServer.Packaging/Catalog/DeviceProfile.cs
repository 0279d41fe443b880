using NuGet.Versioning;

namespace UpdateServer.Packaging.Catalog;

/// <summary>What the planner knows about a machine: where it runs, what it has, what it wants.</summary>
public sealed record DeviceProfile
{
    public required string Os { get; init; }

    public required string Arch { get; init; }

    public string Channel { get; init; } = ReleaseFacts.DefaultChannel;

    /// <summary>True for machines in the test ring: releases in state <c>testing</c> are offered to them.</summary>
    public bool TestRing { get; init; }

    /// <summary>Hardware IDs the machine reports (modaliases, Windows IDs in the order Windows lists them).</summary>
    public IReadOnlyList<string> HardwareIds { get; init; } = [];

    /// <summary>Installed products and their versions.</summary>
    public IReadOnlyDictionary<string, NuGetVersion> Installed { get; init; } = new Dictionary<string, NuGetVersion>();

    /// <summary>Third-party components found by probes (OS, database, middleware); they satisfy requirements, never get installed.</summary>
    public IReadOnlyDictionary<string, NuGetVersion> Components { get; init; } = new Dictionary<string, NuGetVersion>();

    /// <summary>The products the machine manages (installed or wanted); drivers matching its hardware are added by the planner.</summary>
    public IReadOnlyList<string> Managed { get; init; } = [];

    /// <summary>Products held to a version range.</summary>
    public IReadOnlyDictionary<string, VersionRange> Pins { get; init; } = new Dictionary<string, VersionRange>();

    /// <summary>
    /// The vendors whose drivers the machine takes; null for the vendors of the products it manages or has. A driver
    /// matching the hardware is planned only from these, so one vendor's key cannot put a driver (and its hooks) on
    /// machines that run only other vendors' products.
    /// </summary>
    public IReadOnlySet<string>? DriverVendors { get; init; }

    /// <summary>True when the machine takes drivers from <paramref name="vendor"/> (see <see cref="DriverVendors"/>).</summary>
    public bool TakesDriversFrom(string vendor) =>
        DriverVendors?.Contains(vendor)
        ?? Managed.Concat(Installed.Keys).Any(p => p.Length > vendor.Length && p[vendor.Length] == '.' && p.StartsWith(vendor, StringComparison.Ordinal));

    /// <summary>The updater's own product, which is always planned last.</summary>
    public string? UpdaterProduct { get; init; }
}
