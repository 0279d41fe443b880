using UpdateServer.Packaging.Catalog;

namespace UpdateServer.Packaging.Tests.Catalog;

/// <summary>A release catalog held in memory, for planner tests.</summary>
public sealed class InMemoryReleaseCatalog(IEnumerable<ReleaseFacts> releases) : IReleaseCatalog
{
    private readonly List<CatalogRelease> _releases = releases
        .Select(f => new CatalogRelease($"{f.Vendor}/{f.Product}-{f.Version.ToNormalizedString()}.upkg", 100, new string('0', 64), f))
        .ToList();

    public IReadOnlyList<CatalogRelease> Drivers => _releases.Where(r => r.Facts.Kind == ProductKinds.Driver).ToList();

    public IReadOnlyList<CatalogRelease> ReleasesOf(string product) =>
        _releases.Where(r => r.Facts.Product == product).OrderByDescending(r => r.Facts.Version).ToList();

    public IReadOnlyList<CatalogRelease> UpgradesFor(string product) => _releases.Where(r => r.Facts.Upgrades?.Product == product).ToList();
}
