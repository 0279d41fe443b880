namespace UpdateServer.Packaging.Catalog;

/// <summary>
/// Picks the driver products a machine should have: those with a release whose hardware IDs match what the machine
/// reports. When several products compete for the same hardware, the best-ranked match wins (then the newer
/// release), as an operating system would choose; the others are held back with the reason.
/// </summary>
internal static class DriverSelection
{
    /// <param name="catalog">The releases.</param>
    /// <param name="device">The machine.</param>
    /// <param name="match">A release's best hardware match (memoized by the caller).</param>
    /// <param name="whyNot">Why a release may not go to the machine, or null (memoized by the caller).</param>
    public static (List<string> Products, List<HeldRelease> Losers) Choose(IReleaseCatalog catalog, DeviceProfile device,
        Func<CatalogRelease, HardwareMatch?> match, Func<CatalogRelease, string?> whyNot)
    {
        var best = catalog.DriversFor(device.HardwareIds)
            .Select(r => (Release: r, Match: match(r)!))
            .Where(x => x.Match is not null && whyNot(x.Release) is null)
            .GroupBy(x => x.Release.Facts.Product, StringComparer.Ordinal)
            .Select(g => g.OrderBy(x => x.Match, HardwareMatch.Ranking).ThenByDescending(x => x.Release.Facts.Version).First())
            .ToList();

        var winners = new List<string>();
        var losers = new List<HeldRelease>();
        foreach (var group in best.GroupBy(x => x.Match.ReportedId, StringComparer.Ordinal))
        {
            var ranked = group.OrderBy(x => x.Match, HardwareMatch.Ranking).ThenByDescending(x => x.Release.Facts.Version).ToList();
            winners.Add(ranked[0].Release.Facts.Product);
            losers.AddRange(ranked.Skip(1).Select(x => new HeldRelease(x.Release.Facts.Product, x.Release.Facts.Version.ToNormalizedString(),
                $"a better-matching driver, {ranked[0].Release.Facts.Product}, is chosen for {group.Key}")));
        }

        // A driver already installed stays managed, so it keeps receiving updates while its hardware is present.
        winners.AddRange(device.Installed.Keys.Where(p => best.Any(b => b.Release.Facts.Product == p)));
        return (winners.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), losers);
    }
}
