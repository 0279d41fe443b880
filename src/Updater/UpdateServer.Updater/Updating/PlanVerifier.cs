using NuGet.Versioning;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;

namespace UpdateServer.Updater.Updating;

/// <summary>
/// Checks the server's install plan against signed metadata, step by step, in order. The plan only says where to
/// look; a step is taken when a role trusted for its path lists the target in its vendor's namespace, and its
/// signed facts say: the advised product; eligible for this machine (state, channel, OS, architecture, hardware,
/// pins); a product this machine manages, a driver for its hardware, an upgrade package for a managed product, or
/// something another step requires; forward only from the version it will meet; applicable over it; with every
/// requirement met by what is installed and the steps before it. A refused step also refuses the later steps for
/// the same product or needing it, since they may depend on it; steps for other products go on.
/// </summary>
public sealed class PlanVerifier(DeviceProfile device)
{
    public async Task<(List<TrustedUpdate> Updates, List<RefusedAdvice> Refused)> ConfirmAsync(TufClient client, IReadOnlyList<PlannedInstall> plan,
        CancellationToken cancellationToken)
    {
        var located = new List<(PlannedInstall Step, LocatedTarget? Target, ReleaseFacts? Facts, string? Problem)>();
        foreach (var step in plan)
        {
            located.Add(await LocateAsync(client, step, cancellationToken));
        }

        var allowed = Allowed(located.Where(l => l.Facts is not null).Select(l => l.Facts!).ToList());
        var versions = new Dictionary<string, NuGetVersion>(device.Installed, StringComparer.Ordinal);
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        var updates = new List<TrustedUpdate>();
        var refused = new List<RefusedAdvice>();
        foreach (var (step, target, facts, problem) in located)
        {
            var refusal = BlockedBy(step, facts, blocked) is { } earlier
                ? Refuse(step, $"an earlier step for {earlier} was refused", AttackKind.None)
                : target is null && problem is null ? Refuse(step, "no trusted metadata lists the target", AttackKind.ArbitraryInstallation)
                : problem is not null ? Refuse(step, problem, AttackKind.None)
                : Check(step, target!, facts!, allowed, versions);
            if (refusal is not null)
            {
                // Later steps for the same product, or needing it, may depend on this one: they are refused too.
                // Steps for other products go on, so one vendor's broken metadata does not hold back another's.
                refused.Add(refusal);
                blocked.Add(step.Product);
                blocked.Add(step.InstallsProduct);
                if (facts is not null)
                {
                    blocked.Add(facts.InstallsProduct);
                }

                continue;
            }

            var from = versions.GetValueOrDefault(facts!.InstallsProduct);
            updates.Add(new TrustedUpdate(from?.ToFullString(), target!.Path, target.Target, facts, step.Reason));
            versions[facts.InstallsProduct] = facts.InstallsVersion;
        }

        return (updates, refused);
    }

    private static string? BlockedBy(PlannedInstall step, ReleaseFacts? facts, HashSet<string> blocked)
    {
        string[] touched = [step.Product, step.InstallsProduct, .. facts is null ? [] : facts.Requires.Select(r => r.Product).Append(facts.InstallsProduct)];
        return touched.FirstOrDefault(blocked.Contains);
    }

    /// <summary>
    /// Finds the step's target through the delegations trusted for its path. Metadata that cannot be verified (expired,
    /// badly signed, inconsistent with the snapshot) refuses this step alone.
    /// </summary>
    private static async Task<(PlannedInstall, LocatedTarget?, ReleaseFacts?, string?)> LocateAsync(TufClient client, PlannedInstall step,
        CancellationToken cancellationToken)
    {
        try
        {
            var target = await client.LocateTargetAsync(step.TargetPath, cancellationToken);
            return target is null ? (step, null, null, null) : Read(step, target);
        }
        catch (TufException e)
        {
            return (step, null, null, $"the metadata trusted for the path cannot be verified: {e.Message}");
        }
    }

    private RefusedAdvice? Check(PlannedInstall step, LocatedTarget target, ReleaseFacts facts, HashSet<string> allowed,
        Dictionary<string, NuGetVersion> versions)
    {
        if (facts.Product != step.Product)
        {
            return Refuse(step, $"the signed target is for {facts.Product}, not {step.Product}", AttackKind.WrongSoftwareInstallation);
        }

        if (!target.Path.StartsWith(facts.Vendor + "/", StringComparison.Ordinal))
        {
            return Refuse(step, $"{facts.Product} is signed outside its vendor's namespace {facts.Vendor}/", AttackKind.WrongSoftwareInstallation);
        }

        if (ReleaseEligibility.WhyNot(facts, device) is { } whyNot)
        {
            return Refuse(step, $"the signed release is not for this machine: {whyNot}", AttackKind.WrongSoftwareInstallation);
        }

        if (!allowed.Contains(facts.Product))
        {
            return Refuse(step, "this machine neither manages the product nor needs it", AttackKind.ExtraneousDependencies);
        }

        var current = versions.GetValueOrDefault(facts.InstallsProduct) ?? device.Components.GetValueOrDefault(facts.InstallsProduct);
        if (current is not null && facts.InstallsVersion <= current)
        {
            return Refuse(step, $"signed version {facts.InstallsVersion.ToFullString()} is not newer than {current.ToFullString()}", AttackKind.Rollback);
        }

        if (facts.Upgrades is { } upgrade && (current is null || !upgrade.From.Satisfies(current)))
        {
            return Refuse(step, $"the upgrade package applies over {upgrade.From.PrettyPrint()}, not over {current?.ToFullString() ?? "nothing"}",
                AttackKind.WrongSoftwareInstallation);
        }

        if (current is not null && facts.InstallableFrom is { } from && !from.Satisfies(current))
        {
            return Refuse(step, $"the release installs over {from.PrettyPrint()}, not over {current.ToFullString()}", AttackKind.WrongSoftwareInstallation);
        }

        foreach (var requirement in facts.Requires)
        {
            var version = versions.GetValueOrDefault(requirement.Product) ?? device.Components.GetValueOrDefault(requirement.Product);
            if (version is null || !requirement.Versions.Satisfies(version))
            {
                return Refuse(step, $"requires {requirement}, which is not met at this step", AttackKind.WrongSoftwareInstallation);
            }
        }

        return null;
    }

    /// <summary>The products this machine may take: managed ones, upgrades of them, drivers for its hardware, and what those require.</summary>
    private HashSet<string> Allowed(IReadOnlyList<ReleaseFacts> planned)
    {
        var allowed = new HashSet<string>(device.Managed.Concat(device.Installed.Keys), StringComparer.Ordinal);
        allowed.UnionWith(planned.Where(f => f.Kind == ProductKinds.Driver && HardwareMatch.Best(f, device.HardwareIds) is not null).Select(f => f.Product));
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

    private static (PlannedInstall, LocatedTarget?, ReleaseFacts?, string?) Read(PlannedInstall step, LocatedTarget target)
    {
        try
        {
            var facts = ReleaseFacts.FromCustom(target.Target.Custom);
            _ = target.Target.Sha256;
            return (step, target, facts, null);
        }
        catch (Exception e) when (e is ReleaseFactsException or MetadataFormatException)
        {
            return (step, target, null, $"the signed facts are invalid: {e.Message}");
        }
    }

    private static RefusedAdvice Refuse(PlannedInstall step, string reason, AttackKind attack) =>
        new(step.Product, step.TargetPath, AttackNames.Annotate(reason, attack), attack);
}
