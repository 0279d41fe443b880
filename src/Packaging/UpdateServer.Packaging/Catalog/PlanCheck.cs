using NuGet.Versioning;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.Packaging.Catalog;

/// <summary>
/// Judges a server's install plan against signed facts, step by step, in order, as the updater must before installing
/// anything: a step is taken when a role trusted for its path lists the target in its vendor's namespace, and its
/// signed facts say: the advised product; eligible for this machine (state, channel, OS, architecture, hardware,
/// driver vendor, pins, not a component); a product the machine manages, a driver for its hardware, an upgrade of a
/// managed product, or something a taken step requires; forward only from the version it will meet; applicable over
/// it; every requirement met by what is installed and the steps before it. A refused step also refuses the later
/// steps for the same product or needing it; steps for other products go on. A product that only refused steps
/// require is refused as well. Pure: the planner's own plans can be checked against it.
/// </summary>
public static class PlanCheck
{
    public static IReadOnlyList<StepVerdict> Judge(DeviceProfile device, IReadOnlyList<StepEvidence> steps)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(steps);

        // What a step may bring in (a requirement) counts only while the step that requires it is itself taken: the
        // plan is judged again with the products the taken steps justify, until nothing changes. One matcher for all
        // rounds: each driver's hardware is matched once.
        var matcher = new HardwareMatcher(device.HardwareIds);
        var justifying = steps.Where(s => s.Facts is not null).Select(s => s.Facts!).ToList();
        var firstRefusals = new Dictionary<int, StepVerdict>();
        while (true)
        {
            var verdicts = JudgeOnce(device, steps, Allowed(device, justifying, matcher), matcher);
            foreach (var refused in verdicts.Where(v => !v.Taken))
            {
                firstRefusals.TryAdd(refused.Index, refused);
            }

            var taken = verdicts.Where(v => v.Taken).Select(v => steps[v.Index].Facts!).ToList();
            if (taken.Count == justifying.Count)
            {
                // A step keeps the reason it was first refused for: in later rounds it no longer justifies its own
                // product, so it would only be refused again as something this machine does not need.
                return verdicts.Select(v => v.Taken ? v : firstRefusals[v.Index]).ToList();
            }

            justifying = taken;
        }
    }

    private static List<StepVerdict> JudgeOnce(DeviceProfile device, IReadOnlyList<StepEvidence> steps, HashSet<string> allowed, HardwareMatcher matcher)
    {
        var versions = new Dictionary<string, NuGetVersion>(device.Installed, StringComparer.Ordinal);
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        var verdicts = new List<StepVerdict>();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var (reason, attack) = BlockedBy(step, blocked) is { } earlier ? ($"an earlier step for {earlier} was refused", AttackKind.None)
                : step.Facts is null && step.Problem is null ? ("no trusted metadata lists the target", AttackKind.ArbitraryInstallation)
                : step.Facts is null ? (step.Problem, AttackKind.None)
                : Check(device, step, step.Facts, allowed, versions, matcher);
            if (reason is not null)
            {
                // Later steps for the same product, or needing it, may depend on this one: they are refused too.
                // Steps for other products go on, so one vendor's broken metadata does not hold back another's.
                verdicts.Add(new StepVerdict(i, false, null, AttackNames.Annotate(reason, attack), attack));
                blocked.Add(step.AdvisedProduct);
                blocked.Add(step.AdvisedInstallsProduct);
                if (step.Facts is not null)
                {
                    blocked.Add(step.Facts.InstallsProduct);
                }

                continue;
            }

            var facts = step.Facts!;
            verdicts.Add(new StepVerdict(i, true, versions.GetValueOrDefault(facts.InstallsProduct)?.ToFullString(), null, AttackKind.None));
            versions[facts.InstallsProduct] = facts.InstallsVersion;
        }

        return verdicts;
    }

    private static string? BlockedBy(StepEvidence step, HashSet<string> blocked)
    {
        string[] touched = [step.AdvisedProduct, step.AdvisedInstallsProduct, .. step.Facts is null ? [] : step.Facts.Requires.Select(r => r.Product).Append(step.Facts.InstallsProduct)];
        return touched.FirstOrDefault(blocked.Contains);
    }

    private static (string? Reason, AttackKind Attack) Check(DeviceProfile device, StepEvidence step, ReleaseFacts facts, HashSet<string> allowed,
        Dictionary<string, NuGetVersion> versions, HardwareMatcher matcher)
    {
        if (facts.Product != step.AdvisedProduct)
        {
            return ($"the signed target is for {facts.Product}, not {step.AdvisedProduct}", AttackKind.WrongSoftwareInstallation);
        }

        if (!step.TargetPath.StartsWith(facts.Vendor + "/", StringComparison.Ordinal))
        {
            return ($"{facts.Product} is signed outside its vendor's namespace {facts.Vendor}/", AttackKind.WrongSoftwareInstallation);
        }

        if (ReleaseEligibility.WhyNot(facts, device, matcher) is { } whyNot)
        {
            return ($"the signed release is not for this machine: {whyNot}", AttackKind.WrongSoftwareInstallation);
        }

        if (!allowed.Contains(facts.Product))
        {
            return ("this machine neither manages the product nor needs it", AttackKind.ExtraneousDependencies);
        }

        var current = versions.GetValueOrDefault(facts.InstallsProduct) ?? device.Components.GetValueOrDefault(facts.InstallsProduct);
        if (current is not null && facts.InstallsVersion <= current)
        {
            return ($"signed version {facts.InstallsVersion.ToFullString()} is not newer than {current.ToFullString()}", AttackKind.Rollback);
        }

        if (facts.Upgrades is { } upgrade && (current is null || !upgrade.From.Satisfies(current)))
        {
            return ($"the upgrade package applies over {upgrade.From.PrettyPrint()}, not over {current?.ToFullString() ?? "nothing"}",
                AttackKind.WrongSoftwareInstallation);
        }

        if (current is not null && facts.InstallableFrom is { } from && !from.Satisfies(current))
        {
            return ($"the release installs over {from.PrettyPrint()}, not over {current.ToFullString()}", AttackKind.WrongSoftwareInstallation);
        }

        foreach (var requirement in facts.Requires)
        {
            var version = versions.GetValueOrDefault(requirement.Product) ?? device.Components.GetValueOrDefault(requirement.Product);
            if (version is null || !requirement.Versions.Satisfies(version))
            {
                return ($"requires {requirement}, which is not met at this step", AttackKind.WrongSoftwareInstallation);
            }
        }

        return (null, AttackKind.None);
    }

    /// <summary>The products this machine may take: managed ones, upgrades of them, drivers for its hardware, and what those require.</summary>
    private static HashSet<string> Allowed(DeviceProfile device, IReadOnlyList<ReleaseFacts> planned, HardwareMatcher matcher)
    {
        var allowed = new HashSet<string>(device.Managed.Concat(device.Installed.Keys), StringComparer.Ordinal);
        allowed.UnionWith(planned.Where(f => f.Kind == ProductKinds.Driver && ReleaseEligibility.WhyNotDriverFor(f, device, matcher) is null)
            .Select(f => f.Product));
        for (var grown = true; grown;)
        {
            grown = false;
            foreach (var facts in planned.Where(f => allowed.Contains(f.Product) || (f.Upgrades is not null && allowed.Contains(f.Upgrades.Product))))
            {
                grown |= allowed.Add(facts.Product);
                foreach (var requirement in facts.Requires)
                {
                    grown |= allowed.Add(requirement.Product);
                }
            }
        }

        return allowed;
    }
}
