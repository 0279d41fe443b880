namespace UpdateServer.Packaging.Catalog;

/// <summary>A small release catalog held in memory (an offline bundle's releases), indexed like the server's.</summary>
public sealed class ReleaseList(IReadOnlyList<CatalogRelease> releases) : IReleaseCatalog
{
    private readonly DriverIndex _drivers = new(releases.Where(r => r.Facts.Kind == ProductKinds.Driver));

    public IReadOnlyList<CatalogRelease> ReleasesOf(string product) =>
        releases.Where(r => r.Facts.Product == product).OrderByDescending(r => r.Facts.Version).ToList();

    public IReadOnlyList<CatalogRelease> DriversFor(IReadOnlyList<string> hardwareIds) => _drivers.Candidates(hardwareIds);

    public IReadOnlyList<CatalogRelease> UpgradesFor(string product) => releases.Where(r => r.Facts.Upgrades?.Product == product).ToList();
}
