using UpdateServer.Packaging.Catalog;

namespace UpdateServer.Packaging.Tests.Catalog;

/// <summary>A release catalog held in memory, for planner tests.</summary>
public sealed class InMemoryReleaseCatalog(IEnumerable<ReleaseFacts> releases) : IReleaseCatalog
{
    private readonly List<CatalogRelease> _releases = releases
        .Select(f => new CatalogRelease($"{f.Vendor}/{f.Product}-{f.Version.ToNormalizedString()}.upkg", 100, new string('0', 64), f))
        .ToList();

    private DriverIndex Drivers => new(_releases.Where(r => r.Facts.Kind == ProductKinds.Driver));

    /// <summary>Through the same index as the server's catalog, so the planner table covers it too.</summary>
    public IReadOnlyList<CatalogRelease> DriversFor(IReadOnlyList<string> hardwareIds) => Drivers.Candidates(hardwareIds);

    public IReadOnlyList<CatalogRelease> ReleasesOf(string product) =>
        _releases.Where(r => r.Facts.Product == product).OrderByDescending(r => r.Facts.Version).ToList();

    public IReadOnlyList<CatalogRelease> UpgradesFor(string product) => _releases.Where(r => r.Facts.Upgrades?.Product == product).ToList();
}
