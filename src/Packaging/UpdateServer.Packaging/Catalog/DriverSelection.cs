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
    /// <param name="matcher">The machine's hardware matcher (the planner's, with its cache and budget).</param>
    /// <param name="whyNot">Why a release may not go to the machine, or null (memoized by the caller); a driver it lets
    /// through matches the hardware.</param>
    public static (List<string> Products, List<HeldRelease> Losers) Choose(IReleaseCatalog catalog, DeviceProfile device,
        HardwareMatcher matcher, Func<CatalogRelease, string?> whyNot)
    {
        var best = catalog.DriversFor(device.HardwareIds)
            .Where(r => whyNot(r) is null)
            .Select(r => (Release: r, Match: matcher.Best(r.Facts)!))
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
