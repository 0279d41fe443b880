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

    /// <summary>Candidate releases weighed per check at the most: a hostile catalog cannot make one check expensive.</summary>
    private const int MaxAttempts = 20_000;

    private readonly IReleaseCatalog _catalog;
    private readonly DeviceProfile _device;
    private readonly Dictionary<string, NuGetVersion> _versions;
    private readonly List<PlanStep> _steps = [];
    private readonly List<HeldRelease> _held = [];
    private readonly List<UnsatisfiedProduct> _unsatisfied = [];
    private readonly Dictionary<CatalogRelease, string> _refusals = [];
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);
    private readonly Dictionary<CatalogRelease, string?> _ineligible = new(ReferenceEqualityComparer.Instance);
    private readonly HardwareMatcher _matcher;
    private int _attempts;

    private InstallPlanner(IReleaseCatalog catalog, DeviceProfile device)
    {
        _catalog = catalog;
        _device = device;
        _versions = new Dictionary<string, NuGetVersion>(device.Installed, StringComparer.Ordinal);
        _matcher = new HardwareMatcher(device.HardwareIds);
    }

    public static InstallPlan Plan(IReleaseCatalog catalog, DeviceProfile device)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(device);
        return new InstallPlanner(catalog, device).Run();
    }

    private InstallPlan Run()
    {
        var (drivers, losers) = DriverSelection.Choose(_catalog, _device, _matcher, WhyNot);
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

        if (_matcher.Exhausted)
        {
            _unsatisfied.Add(new UnsatisfiedProduct("(drivers)",
                $"hardware matching stopped after comparing {HardwareMatcher.MaxSteps} characters; drivers not matched by then are not planned"));
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

                if (++_attempts > MaxAttempts)
                {
                    return (false, $"the requirements of {product} are too intricate to plan (more than {MaxAttempts} candidates weighed)");
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
            .Where(u => WhyNot(u) is null && u.Facts.Upgrades!.From.Satisfies(from)
                && (u.Facts.InstallableFrom is null || u.Facts.InstallableFrom.Satisfies(from))
                && u.Facts.Upgrades.To > from && u.Facts.Upgrades.To <= limit)
            .OrderByDescending(u => u.Facts.Upgrades!.To)
            .ThenByDescending(u => u.Facts.Version) // of packages reaching the same version, the newest (it may fix the migration)
            .FirstOrDefault();

    /// <summary>The releases of a product the machine may have, best first: drivers by hardware match then version, others by version.</summary>
    private IEnumerable<CatalogRelease> Candidates(string product)
    {
        var eligible = _catalog.ReleasesOf(product).Where(r => WhyNot(r) is null && r.Facts.Upgrades is null);
        return eligible.Any(r => r.Facts.Kind == ProductKinds.Driver)
            ? eligible.OrderBy(Match, HardwareMatch.Ranking).ThenByDescending(r => r.Facts.Version)
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
        return candidate.Facts.Kind == ProductKinds.Driver && Match(candidate) is { } match
            ? $"{why}; matches hardware {match}"
            : why;
    }

    /// <summary>Why nothing of a product can be installed: the reason its newest release was left out.</summary>
    private string NoReleaseReason(string product)
    {
        var newest = _catalog.ReleasesOf(product).Where(r => r.Facts.Upgrades is null).MaxBy(r => r.Facts.Version);
        return newest is null
            ? "the repository has no release of it"
            : $"{newest.Facts.Version.ToNormalizedString()}: {_refusals.GetValueOrDefault(newest) ?? WhyNot(newest) ?? "not applicable"}";
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
            var reason = _refusals.GetValueOrDefault(release) ?? WhyNot(release) ?? "not chosen";
            _held.Add(new HeldRelease(product, release.Facts.Version.ToNormalizedString(), reason));
        }
    }

    /// <summary>
    /// Drops the steps of products that a planned or installed release supersedes — unless a step that stays requires
    /// them — and moves the updater's own steps last unless a later step requires the updater.
    /// </summary>
    private List<PlanStep> WithoutSuperseded()
    {
        var superseding = _steps.Select(s => s.Release.Facts).Concat(InstalledFacts())
            .SelectMany(f => f.Supersedes.Where(p => p != f.Product).Select(product => (Superseded: product, By: f)))
            .GroupBy(x => x.Superseded, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().By, StringComparer.Ordinal);
        var superseded = _steps.Where(s => superseding.ContainsKey(s.Product)).ToList();
        var required = _steps.Except(superseded).SelectMany(s => s.Release.Facts.Requires).Select(r => r.Product).ToHashSet(StringComparer.Ordinal);
        var dropped = superseded.Where(s => !required.Contains(s.Product)).ToHashSet();
        foreach (var step in dropped)
        {
            var by = superseding[step.Product];
            _held.Add(new HeldRelease(step.Product, step.To.ToNormalizedString(), $"superseded by {by.Product} {by.Version.ToNormalizedString()}"));
        }

        var kept = _steps.Where(s => !dropped.Contains(s)).ToList();
        var updater = kept.Where(s => s.Product == _device.UpdaterProduct && !kept.Any(k => k.Release.Facts.Requires.Any(r => r.Product == s.Product))).ToList();
        return [.. kept.Except(updater), .. updater];
    }

    /// <summary>The signed facts of what the machine has installed, where the catalog knows the release.</summary>
    private IEnumerable<ReleaseFacts> InstalledFacts() =>
        _device.Installed.Select(p => _catalog.ReleasesOf(p.Key).FirstOrDefault(r => r.Facts.Version == p.Value && r.Facts.Upgrades is null)?.Facts)
            .OfType<ReleaseFacts>();

    /// <summary>A driver's best hardware match (the matcher remembers each pattern's); null for other kinds.</summary>
    private HardwareMatch? Match(CatalogRelease release) => release.Facts.Kind == ProductKinds.Driver ? _matcher.Best(release.Facts) : null;

    private string? WhyNot(CatalogRelease release)
    {
        if (!_ineligible.TryGetValue(release, out var why))
        {
            _ineligible[release] = why = ReleaseEligibility.WhyNot(release.Facts, _device, _matcher);
        }

        return why;
    }
}
