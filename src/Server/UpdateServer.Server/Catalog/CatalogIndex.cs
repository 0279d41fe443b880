using UpdateServer.Server.Data;
using UpdateServer.Packaging.Catalog;
using System.Text.Json.Nodes;

namespace UpdateServer.Server.Catalog;

/// <summary>
/// Every published release, indexed once per repository change so a check request only does dictionary
/// lookups: by product (newest version first) and by target path.
/// </summary>
public sealed class CatalogIndex
{
    private readonly Dictionary<string, PublishedRelease[]> _byProduct;
    private readonly Dictionary<string, PublishedRelease> _byTargetPath;

    public CatalogIndex(IEnumerable<ReleaseRecord> records)
    {
        var releases = records.Select(r => new PublishedRelease(r.Vendor, r.TargetPath,
            ReleaseFacts.FromCustom(JsonNode.Parse(r.CustomJson) as JsonObject), r.Length, r.Sha256)).ToList();
        _byTargetPath = releases.ToDictionary(r => r.TargetPath, StringComparer.Ordinal);
        _byProduct = releases.GroupBy(r => r.Facts.Product, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Facts.Version).ToArray(), StringComparer.Ordinal);
    }

    public int Count => _byTargetPath.Count;

    /// <summary>The releases of <paramref name="product"/>, newest version first; empty when unknown.</summary>
    public IReadOnlyList<PublishedRelease> ReleasesOf(string product) =>
        _byProduct.TryGetValue(product, out var releases) ? releases : [];

    public bool HasProduct(string product) => _byProduct.ContainsKey(product);

    public PublishedRelease? FindByTargetPath(string targetPath) => _byTargetPath.GetValueOrDefault(targetPath);
}
