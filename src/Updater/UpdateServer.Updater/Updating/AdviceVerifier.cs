using NuGet.Versioning;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Updater.Configuration;

namespace UpdateServer.Updater.Updating;

/// <summary>
/// Turns the check API's advice into updates the signed metadata supports. The advice only says where to look:
/// a target is taken when a role trusted for its path lists it, it lies in the namespace of the vendor its
/// signed facts name, and those facts say it is the product asked for, newer than what is installed, for this
/// OS, architecture and channel. If the same trusted role lists a newer applicable release of the product, that
/// one is taken instead (a server cannot hold a machine on an old version), and each product gets one update.
/// </summary>
public sealed class AdviceVerifier(UpdaterSettings settings)
{
    public async Task<(List<TrustedUpdate> Updates, List<RefusedAdvice> Refused)> ConfirmAsync(TufClient client,
        IReadOnlyList<AvailableUpdate> advice, Func<string, NuGetVersion?> installedVersion, CancellationToken cancellationToken)
    {
        var updates = new Dictionary<string, TrustedUpdate>(StringComparer.Ordinal);
        var refused = new List<RefusedAdvice>();
        foreach (var advised in advice)
        {
            var (update, refusal) = await ConfirmOneAsync(client, advised, installedVersion, cancellationToken);
            if (refusal is not null)
            {
                refused.Add(refusal);
            }
            else if (!updates.TryGetValue(update!.Facts.Product, out var other) || update.Facts.Version > other.Facts.Version)
            {
                updates[update.Facts.Product] = update;
            }
        }

        return (updates.Values.ToList(), refused);
    }

    private async Task<(TrustedUpdate?, RefusedAdvice?)> ConfirmOneAsync(TufClient client, AvailableUpdate advised,
        Func<string, NuGetVersion?> installedVersion, CancellationToken cancellationToken)
    {
        RefusedAdvice Refuse(string reason, AttackKind attack) =>
            new(advised.Product, advised.TargetPath, AttackNames.Annotate(reason, attack), attack);

        if (!settings.Products.Contains(advised.Product))
        {
            return (null, Refuse("this machine does not manage the product", AttackKind.ExtraneousDependencies));
        }

        var located = await client.LocateTargetAsync(advised.TargetPath, cancellationToken);
        if (located is null)
        {
            return (null, Refuse("no trusted metadata lists the target", AttackKind.ArbitraryInstallation));
        }

        if (!TryReadFacts(located.Path, located.Target, out var facts, out var problem))
        {
            return (null, Refuse($"the signed facts are invalid: {problem}", AttackKind.None));
        }

        if (facts.Product != advised.Product)
        {
            return (null, Refuse($"the signed target is for {facts.Product}, not {advised.Product}", AttackKind.WrongSoftwareInstallation));
        }

        if (!located.Path.StartsWith(facts.Vendor + "/", StringComparison.Ordinal))
        {
            return (null, Refuse($"{facts.Product} is signed outside its vendor's namespace {facts.Vendor}/", AttackKind.WrongSoftwareInstallation));
        }

        if (!IsForThisMachine(facts))
        {
            return (null, Refuse($"the signed release is not for {settings.Os}/{settings.Arch} on channel {settings.Channel}",
                AttackKind.WrongSoftwareInstallation));
        }

        var (path, target, newest) = NewestListedBeside(located, facts);
        var installed = installedVersion(newest.Product);
        if (installed is not null && newest.Version <= installed)
        {
            return (null, Refuse($"signed version {newest.Version.ToFullString()} is not newer than installed {installed.ToFullString()}",
                AttackKind.Rollback));
        }

        return (new TrustedUpdate(installed?.ToFullString(), path, target, newest), null);
    }

    /// <summary>The newest release of the same product for this machine that the same trusted role lists.</summary>
    private (string Path, TargetFile Target, ReleaseFacts Facts) NewestListedBeside(LocatedTarget located, ReleaseFacts facts)
    {
        var best = (located.Path, located.Target, facts);
        foreach (var (path, target) in located.ListedBy.Targets)
        {
            if (path.StartsWith(facts.Vendor + "/", StringComparison.Ordinal) && TryReadFacts(path, target, out var other, out _)
                && other.Product == facts.Product && IsForThisMachine(other) && other.Version > best.facts.Version)
            {
                best = (path, target, other);
            }
        }

        return best;
    }

    private bool IsForThisMachine(ReleaseFacts facts) =>
        facts.AppliesTo(settings.Os, settings.Arch) && (facts.Channel == settings.Channel || facts.Channel == ReleaseFacts.DefaultChannel);

    private static bool TryReadFacts(string path, TargetFile target, out ReleaseFacts facts, out string? problem)
    {
        try
        {
            facts = ReleaseFacts.FromCustom(target.Custom);
            _ = target.Sha256;
            problem = null;
            return true;
        }
        catch (Exception e) when (e is ReleaseFactsException or MetadataFormatException)
        {
            facts = null!;
            problem = $"{path}: {e.Message}";
            return false;
        }
    }
}
