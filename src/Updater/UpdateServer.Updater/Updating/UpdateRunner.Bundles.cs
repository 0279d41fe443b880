using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Bundles;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Updater.Bundles;
using UpdateServer.Updater.Installing;
using UpdateServer.Updater.Policies;

namespace UpdateServer.Updater.Updating;

/// <summary>
/// Applying an offline bundle: the same trust chain, plan rules, transactions and reports as an online apply, with the
/// bundle as the only mirror and the machine's own planner in place of the server's advice.
/// </summary>
public sealed partial class UpdateRunner
{
    /// <summary>True while applying a bundle: reports are queued in the outbox and sent by the next online run.</summary>
    private bool _offline;

    /// <summary>
    /// Verifies <paramref name="bundlePath"/> from the machine's trusted root and metadata (TUF 5.2–5.6, the same freshness
    /// and rollback rules), plans from the bundle's signed targets, verifies every planned target (5.7) before installing
    /// any, then installs them in order through the journaled transaction. Nothing is sent over the network.
    /// </summary>
    /// <exception cref="BundleFormatException">The file is not a bundle or breaks its limits.</exception>
    /// <exception cref="BundleRefusedException">The bundle's metadata does not verify, is expired or older than trusted (TUF 5.3–5.6), it
    /// names releases no trusted metadata lists, a target is altered (5.7), or it would downgrade.</exception>
    /// <exception cref="InstallLockedException">Another updater is applying.</exception>
    public async Task<(CheckOutcome Check, IReadOnlyList<ApplyResult> Results)> ApplyBundleAsync(string bundlePath, IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        _offline = true;
        try
        {
            return await ApplyBundleOfflineAsync(bundlePath, progress, cancellationToken);
        }
        finally
        {
            _offline = false;
        }
    }

    private async Task<(CheckOutcome Check, IReadOnlyList<ApplyResult> Results)> ApplyBundleOfflineAsync(string bundlePath,
        IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        using var installLock = InstallLock.Acquire(settings.LockFile);
        await RecoverLockedAsync(cancellationToken);
        ReconcileStateWithLinks();
        var work = Path.Combine(settings.DataDirectory, "bundles");
        if (Directory.Exists(work))
        {
            // Folders left by a run that was killed; each run extracts into a new one.
            Directory.Delete(work, recursive: true);
        }

        using var bundle = await OfflineBundle.OpenAsync(bundlePath, work, new BundleLimits(), cancellationToken);
        TufClient client;
        CheckOutcome check;
        try
        {
            client = await repository.RefreshFromAsync([bundle.Transport], cancellationToken);
            check = await CheckBundleAsync(client, bundle.Index, cancellationToken);
        }
        catch (TufException e)
        {
            throw new BundleRefusedException($"the bundle's metadata is refused: {e.Message} Nothing was installed.", e);
        }

        await VerifyTargetsAsync(client, check.Updates, cancellationToken);

        // Applying a bundle is an operator's explicit act on site: it installs now, whatever the unattended policy says.
        var install = new PolicyDecision(PolicyAction.Install, "offline bundle");
        return (check, await ApplyStepsAsync(client, check, _ => install, progress, cancellationToken));
    }

    /// <summary>
    /// Finds every release the bundle names through the delegations trusted for its path (TUF 5.6.7), plans over those signed
    /// facts with the same <see cref="InstallPlanner"/> the server uses, and confirms the plan with <see cref="PlanCheck"/>.
    /// </summary>
    private async Task<CheckOutcome> CheckBundleAsync(TufClient client, BundleIndex index, CancellationToken cancellationToken)
    {
        var inventory = await ReadInventoryAsync(cancellationToken);
        var device = Profile(inventory);
        var releases = new List<CatalogRelease>();
        foreach (var path in index.Targets.Distinct(StringComparer.Ordinal))
        {
            var located = await client.LocateTargetAsync(path, cancellationToken)
                ?? throw new BundleRefusedException($"the bundle names {path}, which no metadata trusted for that path lists; nothing was installed.");
            try
            {
                releases.Add(new CatalogRelease(path, located.Target.Length, located.Target.Sha256, ReleaseFacts.FromCustom(located.Target.Custom)));
            }
            catch (ReleaseFactsException e)
            {
                throw new BundleRefusedException($"{path}: the signed facts are invalid: {e.Message}", e);
            }
        }

        var plan = InstallPlanner.Plan(new ReleaseList(releases), device);
        var (updates, refused) = await new PlanVerifier(device).ConfirmAsync(client, plan.Steps.Select(PlannedInstall.From).ToList(), cancellationToken);

        // A bundle is a rollback channel too: an old but validly signed bundle must not take a machine back. When it brings
        // something new as well, that installs and the older releases are named, not passed over in silence.
        var older = releases
            .Select(r => (r.Facts, Installed: InstalledVersion(r.Facts.InstallsProduct)))
            .Where(o => o.Installed is { } installed && installed > o.Facts.InstallsVersion)
            .Select(o => (o.Facts, Installed: o.Installed!.ToFullString()))
            .ToList();
        if (updates.Count == 0 && older.Count > 0)
        {
            var (facts, installed) = older[0];
            throw new BundleRefusedException($"the bundle holds {facts.InstallsProduct} {facts.InstallsVersion.ToFullString()}, older than the installed " +
                $"{installed}; a bundle cannot downgrade a machine.");
        }

        var held = older.Select(o => new HeldRelease(o.Facts.Product, o.Facts.Version.ToFullString(),
            $"older than the installed {o.Facts.InstallsProduct} {o.Installed}; a bundle cannot downgrade a machine"));
        return new CheckOutcome(updates, refused, [.. plan.Held, .. held], plan.Unsatisfied, [], inventory, client.Trusted.Snapshot!.Signed.Version);
    }

    /// <summary>Copies every planned target out of the bundle, checked against its signed length and hashes (TUF 5.7), before installing any.</summary>
    private async Task VerifyTargetsAsync(TufClient client, IReadOnlyList<TrustedUpdate> updates, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.DownloadDirectory);
        foreach (var update in updates)
        {
            var package = Path.Combine(settings.DownloadDirectory, $"{update.Target.Sha256}.upkg");
            if (await DownloadedPackage.IsCompleteAsync(package, update.Target, cancellationToken))
            {
                continue;
            }

            try
            {
                await client.DownloadTargetAsync(update.TargetPath, update.Target, package, progress: null, cancellationToken);
            }
            catch (TufException e)
            {
                throw new BundleRefusedException($"{update.TargetPath} in the bundle does not match its signed metadata: {e.Message} Nothing was installed.", e);
            }
        }
    }
}
