using System.Text;
using NuGet.Versioning;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Server.Data;
using UpdateServer.Server.Repository;

namespace UpdateServer.Server.Bulletins;

/// <summary>
/// Every bulletin revision's target (so the TUF endpoints serve them) and the current document of every active
/// bulletin, indexed by the products and components it names, so a check request matches bulletins with lookups only.
/// </summary>
public sealed class BulletinIndex
{
    private readonly Dictionary<string, ListedTarget> _revisions;
    private readonly Dictionary<string, List<(Bulletin Document, string TargetPath)>> _byProduct = new(StringComparer.Ordinal);

    /// <param name="revisions">Every revision's target.</param>
    /// <param name="current">The current revision of each active bulletin, with its document text.</param>
    /// <param name="unreadable">Told about each document that no longer reads under today's rules; it is left out (its
    /// target is still served), so one bad document never stops every check — as <see cref="Catalog.CatalogIndex"/> does for releases.</param>
    public BulletinIndex(IEnumerable<ListedTarget> revisions, IEnumerable<BulletinRevisionRecord> current,
        Action<BulletinRevisionRecord, BulletinFormatException>? unreadable = null)
    {
        _revisions = revisions.ToDictionary(r => r.TargetPath, StringComparer.Ordinal);
        foreach (var record in current)
        {
            Bulletin document;
            try
            {
                document = BulletinJson.Read(Encoding.UTF8.GetBytes(record.Document));
            }
            catch (BulletinFormatException e)
            {
                unreadable?.Invoke(record, e);
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

    /// <summary>The bulletin revision's target at <paramref name="targetPath"/>, or null.</summary>
    public ListedTarget? Find(string targetPath) => _revisions.GetValueOrDefault(targetPath);

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
