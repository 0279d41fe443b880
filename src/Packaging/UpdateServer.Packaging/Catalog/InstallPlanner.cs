using NuGet.Versioning;

namespace UpdateServer.Packaging.Catalog;

/// <summary>
/// Works out what a machine should install, in which order, and why. For every product the machine manages, and
/// every driver whose hardware IDs match it (ranked as operating systems rank drivers), it takes the newest release
/// the machine may have (state, channel, OS, architecture, pins); brings required products first (a driver that
/// requires platform ≥ 2.1 brings that platform release before it); walks upgrade packages when a release cannot
/// be applied over the installed version (1.4 → upgrade package → 2.0 → 2.3); leaves out superseded products; and
/// plans the updater itself last. Newer releases it leaves out are listed with the reason; a product it cannot
/// bring is listed as unsatisfied with the reason, never guessed at. Pure and deterministic.
/// </summary>
public sealed class InstallPlanner
{
    private const int MaxDepth = 16;
    private const int MaxUpgradeHops = 8;
    private const int MaxHeldPerProduct = 5;

    private readonly IReleaseCatalog _catalog;
    private readonly DeviceProfile _device;
    private readonly Dictionary<string, NuGetVersion> _versions;
    private readonly List<PlanStep> _steps = [];
    private readonly List<HeldRelease> _held = [];
    private readonly List<UnsatisfiedProduct> _unsatisfied = [];
    private readonly Dictionary<CatalogRelease, string> _refusals = [];
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);

    private InstallPlanner(IReleaseCatalog catalog, DeviceProfile device)
    {
        _catalog = catalog;
        _device = device;
        _versions = new Dictionary<string, NuGetVersion>(device.Installed, StringComparer.Ordinal);
    }

    public static InstallPlan Plan(IReleaseCatalog catalog, DeviceProfile device)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(device);
        return new InstallPlanner(catalog, device).Run();
    }

    private InstallPlan Run()
    {
        var (drivers, losers) = DriverSelection.Choose(_catalog, _device);
        _held.AddRange(losers);
        var products = _device.Managed.Concat(drivers).Distinct(StringComparer.Ordinal)
            .OrderBy(p => p == _device.UpdaterProduct ? 1 : 0)
            .ToList();
        foreach (var product in products)
        {
            var before = Version(product);
            var (ok, why) = Bring(product, range: null, requestedBy: null, depth: 0);
            if (!ok)
            {
                _unsatisfied.Add(new UnsatisfiedProduct(product, why!));
            }
            else if (before is null && Version(product) is null)
            {
                _unsatisfied.Add(new UnsatisfiedProduct(product, NoReleaseReason(product)));
            }

            ReportHeld(product);
        }

        return new InstallPlan(WithoutSuperseded(), _held, _unsatisfied);
    }

    /// <summary>Makes <paramref name="product"/> as new as possible (or, for a requirement, satisfy <paramref name="range"/>).</summary>
    private (bool Ok, string? Why) Bring(string product, VersionRange? range, CatalogRelease? requestedBy, int depth)
    {
        if (depth > MaxDepth)
        {
            return (false, "the dependency chain is too deep");
        }

        if (!_inProgress.Add(product))
        {
            return (false, $"dependency cycle through {product}");
        }

        try
        {
            var current = Version(product);
            if (range is not null && current is not null && range.Satisfies(current))
            {
                return (true, null);
            }

            if (_device.Components.ContainsKey(product))
            {
                return range is null ? (true, null)
                    : (false, $"{product} {current} is not {range.PrettyPrint()} (a component: it is not installed by updates)");
            }

            foreach (var candidate in Candidates(product))
            {
                var to = candidate.Facts.InstallsVersion;
                if ((current is not null && to <= current) || (range is not null && !range.Satisfies(to)))
                {
                    continue;
                }

                var saved = (Steps: _steps.Count, Versions: new Dictionary<string, NuGetVersion>(_versions));
                var (ok, reached, why) = Prepare(product, current, candidate, depth);
                if (!ok)
                {
                    Restore(saved);
                    _refusals.TryAdd(candidate, why!);
                    continue;
                }

                if (!reached)
                {
                    AddStep(candidate, product, Reason(product, candidate, range, requestedBy));
                }

                return (true, null);
            }

            return range is null ? (true, null) : (false, $"no release of {product} {range.PrettyPrint()} can be installed ({NoReleaseReason(product)})");
        }
        finally
        {
            _inProgress.Remove(product);
        }
    }

    /// <summary>
    /// Brings everything <paramref name="candidate"/> needs before it: the upgrade packages that make it applicable
    /// over the installed version, and its requirements (each of those, recursively, with theirs).
    /// </summary>
    /// <returns>Whether it worked, and whether an upgrade package already reached the candidate's version.</returns>
    private (bool Ok, bool Reached, string? Why) Prepare(string product, NuGetVersion? current, CatalogRelease candidate, int depth)
    {
        foreach (var requirement in candidate.Facts.Requires)
        {
            if (!Satisfied(requirement))
            {
                var (ok, why) = Bring(requirement.Product, requirement.Versions, candidate, depth + 1);
                if (!ok)
                {
                    return (false, false, $"requires {requirement}: {why}");
                }
            }
        }

        if (current is null || candidate.Facts.InstallableFrom is not { } from || from.Satisfies(current))
        {
            return (true, false, null);
        }

        var version = current;
        for (var hop = 0; !from.Satisfies(version); hop++)
        {
            var upgrade = hop < MaxUpgradeHops ? NextUpgrade(product, version, candidate.Facts.InstallsVersion) : null;
            if (upgrade is null)
            {
                return (false, false, $"cannot be installed over {version.ToNormalizedString()} and no upgrade package leads from there");
            }

            foreach (var requirement in upgrade.Facts.Requires.Where(r => !Satisfied(r)))
            {
                var (ok, why) = Bring(requirement.Product, requirement.Versions, upgrade, depth + 1);
                if (!ok)
                {
                    return (false, false, $"its upgrade package {upgrade.Facts.Product} requires {requirement}: {why}");
                }
            }

            AddStep(upgrade, product, $"upgrade path {version.ToNormalizedString()} → {upgrade.Facts.InstallsVersion.ToNormalizedString()}" +
                $" for {product} {candidate.Facts.InstallsVersion.ToNormalizedString()}");
            version = upgrade.Facts.InstallsVersion;
            if (version == candidate.Facts.InstallsVersion)
            {
                return (true, true, null);
            }
        }

        return (true, false, null);
    }

    private CatalogRelease? NextUpgrade(string product, NuGetVersion from, NuGetVersion limit) =>
        _catalog.UpgradesFor(product)
            .Where(u => ReleaseEligibility.WhyNot(u.Facts, _device) is null && u.Facts.Upgrades!.From.Satisfies(from)
                && u.Facts.Upgrades.To > from && u.Facts.Upgrades.To <= limit)
            .OrderByDescending(u => u.Facts.Upgrades!.To)
            .ThenByDescending(u => u.Facts.Version) // of packages reaching the same version, the newest (it may fix the migration)
            .FirstOrDefault();

    /// <summary>The releases of a product the machine may have, best first: drivers by hardware match then version, others by version.</summary>
    private IEnumerable<CatalogRelease> Candidates(string product)
    {
        var eligible = _catalog.ReleasesOf(product).Where(r => ReleaseEligibility.WhyNot(r.Facts, _device) is null && r.Facts.Upgrades is null);
        return eligible.Any(r => r.Facts.Kind == ProductKinds.Driver)
            ? eligible.OrderBy(r => HardwareMatch.Best(r.Facts, _device.HardwareIds), HardwareMatch.Ranking).ThenByDescending(r => r.Facts.Version)
            : eligible.OrderByDescending(r => r.Facts.Version);
    }

    private bool Satisfied(Requirement requirement) => Version(requirement.Product) is { } version && requirement.Versions.Satisfies(version);

    private NuGetVersion? Version(string product) =>
        _versions.TryGetValue(product, out var installed) ? installed : _device.Components.GetValueOrDefault(product);

    private void AddStep(CatalogRelease release, string product, string reason)
    {
        _steps.Add(new PlanStep(release, product, Version(product), release.Facts.InstallsVersion, reason));
        _versions[product] = release.Facts.InstallsVersion;
    }

    private void Restore((int Steps, Dictionary<string, NuGetVersion> Versions) saved)
    {
        _steps.RemoveRange(saved.Steps, _steps.Count - saved.Steps);
        _versions.Clear();
        foreach (var (product, version) in saved.Versions)
        {
            _versions[product] = version;
        }
    }

    private string Reason(string product, CatalogRelease candidate, VersionRange? range, CatalogRelease? requestedBy)
    {
        if (requestedBy is not null)
        {
            return $"required by {requestedBy.Facts.Product} {requestedBy.Facts.Version.ToNormalizedString()} ({product} {range!.PrettyPrint()})";
        }

        var installed = Version(product);
        var why = installed is null ? "not installed yet" : $"newer than the installed {installed.ToNormalizedString()}";
        return candidate.Facts.Kind == ProductKinds.Driver && HardwareMatch.Best(candidate.Facts, _device.HardwareIds) is { } match
            ? $"{why}; matches hardware {match}"
            : why;
    }

    /// <summary>Why nothing of a product can be installed: the reason its newest release was left out.</summary>
    private string NoReleaseReason(string product)
    {
        var newest = _catalog.ReleasesOf(product).Where(r => r.Facts.Upgrades is null).MaxBy(r => r.Facts.Version);
        return newest is null
            ? "the repository has no release of it"
            : $"{newest.Facts.Version.ToNormalizedString()}: {_refusals.GetValueOrDefault(newest) ?? ReleaseEligibility.WhyNot(newest.Facts, _device) ?? "not applicable"}";
    }

    /// <summary>Lists the newer releases of a product the plan leaves out, with the reason, newest first.</summary>
    private void ReportHeld(string product)
    {
        var planned = Version(product);
        foreach (var release in _catalog.ReleasesOf(product)
                     .Where(r => r.Facts.Upgrades is null && (planned is null || r.Facts.Version > planned))
                     .OrderByDescending(r => r.Facts.Version)
                     .Take(MaxHeldPerProduct))
        {
            var reason = _refusals.GetValueOrDefault(release) ?? ReleaseEligibility.WhyNot(release.Facts, _device) ?? "not chosen";
            _held.Add(new HeldRelease(product, release.Facts.Version.ToNormalizedString(), reason));
        }
    }

    /// <summary>Drops the steps of products another planned release supersedes, and plans the updater itself last.</summary>
    private List<PlanStep> WithoutSuperseded()
    {
        var superseding = _steps.SelectMany(s => s.Release.Facts.Supersedes.Select(product => (Superseded: product, By: s.Release.Facts)))
            .GroupBy(x => x.Superseded, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().By, StringComparer.Ordinal);
        var steps = new List<PlanStep>();
        foreach (var step in _steps)
        {
            if (superseding.TryGetValue(step.Product, out var by) && by.Product != step.Product)
            {
                _held.Add(new HeldRelease(step.Product, step.To.ToNormalizedString(), $"superseded by {by.Product} {by.Version.ToNormalizedString()}"));
            }
            else
            {
                steps.Add(step);
            }
        }

        return [.. steps.Where(s => s.Product != _device.UpdaterProduct), .. steps.Where(s => s.Product == _device.UpdaterProduct)];
    }
}
