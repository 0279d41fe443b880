using System.Text.Json.Nodes;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Catalog;

/// <summary>
/// Every published release, indexed once per repository change so a check request only does dictionary lookups: the
/// planner's indexes (<see cref="ReleaseList"/>: by product, upgrade packages, drivers) plus the server's own by target path.
/// </summary>
public sealed class CatalogIndex : IReleaseCatalog
{
    private readonly ReleaseList _releases;
    private readonly Dictionary<string, CatalogRelease> _byTargetPath;

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
        _releases = new ReleaseList(releases);
    }

    public int Count => _byTargetPath.Count;

    public IReadOnlyList<CatalogRelease> DriversFor(IReadOnlyList<string> hardwareIds) => _releases.DriversFor(hardwareIds);

    /// <summary>The releases of <paramref name="product"/>, newest version first; empty when unknown.</summary>
    public IReadOnlyList<CatalogRelease> ReleasesOf(string product) => _releases.ReleasesOf(product);

    public IReadOnlyList<CatalogRelease> UpgradesFor(string product) => _releases.UpgradesFor(product);

    public bool HasProduct(string product) => _releases.ReleasesOf(product).Count > 0;

    public CatalogRelease? FindByTargetPath(string targetPath) => _byTargetPath.GetValueOrDefault(targetPath);
}
