using System.Text;
using NuGet.Versioning;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Bulletins;

/// <summary>
/// Every bulletin revision's target (so the TUF endpoints serve them) and the current document of every active
/// bulletin, indexed by the products and components it names, so a check request matches bulletins with lookups only.
/// </summary>
public sealed class BulletinIndex
{
    private readonly Dictionary<string, string> _sha256ByPath;
    private readonly Dictionary<string, List<(Bulletin Document, string TargetPath)>> _byProduct = new(StringComparer.Ordinal);

    /// <param name="revisions">Every revision's target path and SHA-256.</param>
    /// <param name="current">The current revision of each bulletin, with its document text.</param>
    public BulletinIndex(IEnumerable<(string TargetPath, string Sha256)> revisions, IEnumerable<BulletinRevisionRecord> current)
    {
        _sha256ByPath = revisions.ToDictionary(r => r.TargetPath, r => r.Sha256, StringComparer.Ordinal);
        foreach (var record in current)
        {
            var document = BulletinJson.Read(Encoding.UTF8.GetBytes(record.Document));
            if (document.Status != BulletinStatuses.Active)
            {
                continue;
            }

            foreach (var product in document.Affected.Select(a => a.Product).Concat(document.FixedIn.Select(f => f.Product)).Distinct(StringComparer.Ordinal))
            {
                if (!_byProduct.TryGetValue(product, out var list))
                {
                    _byProduct[product] = list = [];
                }

                list.Add((document, record.TargetPath));
            }
        }
    }

    public static BulletinIndex Empty { get; } = new([], []);

    /// <summary>The SHA-256 of the bulletin target at <paramref name="targetPath"/>, or null.</summary>
    public string? Sha256Of(string targetPath) => _sha256ByPath.GetValueOrDefault(targetPath);

    /// <summary>The active bulletins bearing on a machine with these products and components, affected ones first, then by id.</summary>
    public IReadOnlyList<BulletinNotice> Match(IReadOnlyDictionary<string, NuGetVersion> products, IReadOnlyDictionary<string, NuGetVersion> components)
    {
        var candidates = products.Keys.Concat(components.Keys)
            .SelectMany(p => _byProduct.GetValueOrDefault(p) ?? [])
            .DistinctBy(c => c.Document.Id, StringComparer.Ordinal);
        return [.. candidates
            .Select(c => (c, exposure: BulletinMatcher.Evaluate(c.Document, products, components)))
            .Where(x => x.exposure is not null)
            .Select(x => new BulletinNotice(x.c.Document.Id, x.c.Document.Revision, x.c.TargetPath, x.exposure!.Status))
            .OrderBy(n => n.Status == BulletinExposure.Affected ? 0 : 1)
            .ThenBy(n => n.Id, StringComparer.Ordinal)];
    }
}
