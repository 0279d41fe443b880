using NuGet.Versioning;

namespace UpdateServer.Packaging.Bulletins;

/// <summary>
/// Decides whether a bulletin affects a machine, from what it has installed (products) and what its probes found
/// (components, including the OS as <c>os.&lt;ID&gt;</c>). The server and the updater run this same code, so the check
/// API's advice and what the updater concludes from the signed document agree. Only active bulletins bear on machines:
/// a superseded bulletin's successor does, a withdrawn one nobody.
/// </summary>
public static class BulletinMatcher
{
    /// <returns>The exposure, or null when the bulletin does not concern the machine.</returns>
    public static BulletinExposure? Evaluate(Bulletin bulletin, IReadOnlyDictionary<string, NuGetVersion> products,
        IReadOnlyDictionary<string, NuGetVersion> components)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(components);
        if (bulletin.Status != BulletinStatuses.Active)
        {
            return null;
        }

        NuGetVersion? Installed(string product, bool component) =>
            (component ? components : products).GetValueOrDefault(product) ?? (component ? products : components).GetValueOrDefault(product);

        var affected = bulletin.Affected
            .Select(a => (a, version: Installed(a.Product, a.IsComponent)))
            .Where(x => x.version is not null && x.a.Versions.Satisfies(x.version))
            .Select(x => $"{x.a.Product} {x.version!.ToNormalizedString()} in {x.a.VersionsText}")
            .ToList();
        if (affected.Count > 0)
        {
            return new BulletinExposure(BulletinExposure.Affected, affected);
        }

        var fixedIn = bulletin.FixedIn
            .Select(f => (f, version: Installed(f.Product, component: false)))
            .Where(x => x.version is not null && x.version >= x.f.Version)
            .Select(x => $"{x.f.Product} {x.version!.ToNormalizedString()} (fixed in {x.f.Version.ToNormalizedString()})")
            .ToList();
        return fixedIn.Count > 0 ? new BulletinExposure(BulletinExposure.Fixed, fixedIn) : null;
    }
}
