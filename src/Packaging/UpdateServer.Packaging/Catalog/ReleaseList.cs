namespace UpdateServer.Packaging.Catalog;

/// <summary>
/// A release catalog held in memory (an offline bundle's releases, a test's, the server's catalog index), indexed once
/// when made: by product (newest version first), upgrade packages by the product they move, drivers by hardware ID.
/// </summary>
public sealed class ReleaseList : IReleaseCatalog
{
    private readonly Dictionary<string, CatalogRelease[]> _byProduct;
    private readonly Dictionary<string, CatalogRelease[]> _upgradesFor;
    private readonly DriverIndex _drivers;

    public ReleaseList(IEnumerable<CatalogRelease> releases)
    {
        ArgumentNullException.ThrowIfNull(releases);
        var all = releases.ToList();
        _byProduct = all.GroupBy(r => r.Facts.Product, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Facts.Version).ToArray(), StringComparer.Ordinal);
        _upgradesFor = all.Where(r => r.Facts.Upgrades is not null).GroupBy(r => r.Facts.Upgrades!.Product, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _drivers = new DriverIndex(all.Where(r => r.Facts.Kind == ProductKinds.Driver));
    }

    public IReadOnlyList<CatalogRelease> ReleasesOf(string product) => _byProduct.TryGetValue(product, out var releases) ? releases : [];

    public IReadOnlyList<CatalogRelease> DriversFor(IReadOnlyList<string> hardwareIds) => _drivers.Candidates(hardwareIds);

    public IReadOnlyList<CatalogRelease> UpgradesFor(string product) => _upgradesFor.TryGetValue(product, out var upgrades) ? upgrades : [];
}
