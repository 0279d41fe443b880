using System.Text.Json.Nodes;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Catalog;

/// <summary>
/// Every published release, indexed once per repository change so a check request only does dictionary lookups:
/// by product (newest version first), by target path, drivers by hardware ID, and upgrade packages by the product they move.
/// </summary>
public sealed class CatalogIndex : IReleaseCatalog
{
    private readonly Dictionary<string, CatalogRelease[]> _byProduct;
    private readonly Dictionary<string, CatalogRelease> _byTargetPath;
    private readonly Dictionary<string, CatalogRelease[]> _upgradesFor;
    private readonly DriverIndex _drivers;

    /// <param name="records">The listed releases.</param>
    /// <param name="unreadable">Told about each record whose facts no longer read under today's rules; it is left out, so
    /// one bad record never stops every check.</param>
    public CatalogIndex(IEnumerable<ReleaseRecord> records, Action<ReleaseRecord, ReleaseFactsException>? unreadable = null)
    {
        var releases = new List<CatalogRelease>();
        foreach (var record in records)
        {
            try
            {
                releases.Add(new CatalogRelease(record.TargetPath, record.Length, record.Sha256, ReleaseFacts.FromCustom(JsonNode.Parse(record.CustomJson) as JsonObject)));
            }
            catch (ReleaseFactsException e)
            {
                unreadable?.Invoke(record, e);
            }
        }

        _byTargetPath = releases.ToDictionary(r => r.TargetPath, StringComparer.Ordinal);
        _byProduct = releases.GroupBy(r => r.Facts.Product, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Facts.Version).ToArray(), StringComparer.Ordinal);
        _upgradesFor = releases.Where(r => r.Facts.Upgrades is not null).GroupBy(r => r.Facts.Upgrades!.Product, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _drivers = new DriverIndex(releases.Where(r => r.Facts.Kind == ProductKinds.Driver));
    }

    public int Count => _byTargetPath.Count;

    public IReadOnlyList<CatalogRelease> DriversFor(IReadOnlyList<string> hardwareIds) => _drivers.Candidates(hardwareIds);

    /// <summary>The releases of <paramref name="product"/>, newest version first; empty when unknown.</summary>
    public IReadOnlyList<CatalogRelease> ReleasesOf(string product) =>
        _byProduct.TryGetValue(product, out var releases) ? releases : [];

    public IReadOnlyList<CatalogRelease> UpgradesFor(string product) =>
        _upgradesFor.TryGetValue(product, out var upgrades) ? upgrades : [];

    public bool HasProduct(string product) => _byProduct.ContainsKey(product);

    public CatalogRelease? FindByTargetPath(string targetPath) => _byTargetPath.GetValueOrDefault(targetPath);
}
