using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NuGet.Versioning;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Packages;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Updater.Bulletins;
using UpdateServer.Updater.Checking;
using UpdateServer.Updater.Configuration;
using UpdateServer.Updater.Hooks;
using UpdateServer.Updater.Installing;
using UpdateServer.Updater.Inventory;
using UpdateServer.Updater.Transactions;
using UpdateServer.Updater.Policies;
using UpdateServer.Updater.Reporting;
using UpdateServer.Updater.Trust;

namespace UpdateServer.Updater.Updating;

/// <summary>
/// One update cycle: refresh trusted metadata, read the machine's inventory, ask the server for an install plan,
/// confirm every step against signed metadata (path, length, hashes and facts), then download, verify, install
/// (running the package's hooks) and report, step by step.
/// </summary>
public sealed partial class UpdateRunner(
    UpdaterSettings settings,
    TrustedRepository repository,
    UpdateServerApi api,
    TimeProvider time,
    ILogger<UpdateRunner> logger,
    FaultPoints? faults = null)
{
    private readonly FaultPoints _faults = faults ?? FaultPoints.None;
    private readonly ReportOutbox _reports = new(settings.ReportQueueDirectory, settings.MaxQueuedReports, time, logger);
    private readonly InstallSite _site = InstallSite.Create(settings.InstallRoot, settings.DataDirectory, settings.HookTimeout,
        settings.KeepVersions, faults ?? FaultPoints.None, time);

    public InstallState LoadState() => _site.State.Load();

    /// <summary>
    /// The version installed now: where <c>current</c> points (what actually runs), else what the state file says.
    /// The link wins because a power cut can fall between switching it and saving the state.
    /// </summary>
    public NuGetVersion? InstalledVersion(string product) =>
        CurrentLink.Read(_site.Layout.ProductDirectory(product)) is { } linked && NuGetVersion.TryParse(linked, out var version)
            ? version
            : _site.State.Load().Find(product)?.Version is { } recorded ? NuGetVersion.Parse(recorded) : null;

    /// <summary>Releases the holds on <paramref name="product"/>'s failed packages, so the next run tries them again.</summary>
    /// <returns>How many holds were released.</returns>
    public int Unhold(string product)
    {
        using var installLock = InstallLock.Acquire(settings.LockFile);
        var state = _site.State.Load();
        var released = state.Held.Count(h => h.Value.Product == product);
        _site.State.Save(state.WithoutHolds(product));
        return released;
    }

    /// <summary>Reads what this machine is and has, without contacting anyone.</summary>
    public Task<MachineInventory> ReadInventoryAsync(CancellationToken cancellationToken) =>
        InventoryReader.ReadAsync(settings, KnownProducts(), InstalledVersion, cancellationToken);

    /// <summary>Refreshes metadata and checks for updates without changing anything installed.</summary>
    public async Task<CheckOutcome> CheckAsync(CancellationToken cancellationToken)
    {
        var client = await repository.RefreshAsync(cancellationToken);
        return await CheckWithAsync(client, cancellationToken);
    }

    /// <summary>
    /// Refreshes metadata, asks the server which bulletins bear on this machine, and keeps those whose signed documents
    /// come through TUF, judged against this machine's inventory here (<see cref="BulletinVerifier"/>).
    /// </summary>
    public async Task<(IReadOnlyList<VerifiedBulletin> Bulletins, IReadOnlyList<RefusedAdvice> Refused)> BulletinsAsync(CancellationToken cancellationToken)
    {
        var client = await repository.RefreshAsync(cancellationToken);
        var inventory = await ReadInventoryAsync(cancellationToken);
        var advice = await api.CheckAsync(Request(inventory), cancellationToken);
        var (bulletins, refused) = await new BulletinVerifier(settings.BulletinDirectory).VerifyAsync(client, advice.Bulletins ?? [], inventory, cancellationToken);
        foreach (var refusal in refused)
        {
            LogAdviceRefused(logger, refusal.Product, refusal.TargetPath, refusal.Reason);
        }

        return (bulletins, refused);
    }

    /// <summary>
    /// Checks, then downloads and installs every confirmed step of the plan in order, reporting each outcome. A step
    /// that fails stops the later steps for the same product or needing it.
    /// </summary>
    /// <exception cref="InstallLockedException">Another updater is applying.</exception>
    public Task<(CheckOutcome Check, IReadOnlyList<ApplyResult> Results)> ApplyAsync(IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken) => ApplyAsync(progress, downloadOnly: false, cancellationToken);

    /// <summary>
    /// Checks, then takes every confirmed step of the plan in order as the policy allows (<see cref="PolicyJudge"/>):
    /// installs it, only downloads it (<paramref name="downloadOnly"/>, <c>download-only</c>, outside the maintenance
    /// window), only lists it (<c>notify</c>), or defers it. A step that fails or waits stops the later steps for the same
    /// product or needing it.
    /// </summary>
    /// <exception cref="InstallLockedException">Another updater is applying.</exception>
    public async Task<(CheckOutcome Check, IReadOnlyList<ApplyResult> Results)> ApplyAsync(IProgress<DownloadProgress>? progress,
        bool downloadOnly, CancellationToken cancellationToken)
    {
        using var installLock = InstallLock.Acquire(settings.LockFile);
        await RecoverLockedAsync(cancellationToken);
        ReconcileStateWithLinks();
        var client = await repository.RefreshAsync(cancellationToken);
        var check = await CheckWithAsync(client, cancellationToken);
        return (check, await ApplyStepsAsync(client, check, update => Decide(update, downloadOnly), progress, cancellationToken));
    }

    /// <summary>
    /// Takes the confirmed steps of <paramref name="check"/> in order as <paramref name="decide"/> allows. A step that fails
    /// or waits stops the later steps for the same product or needing it. The caller holds the install lock.
    /// </summary>
    private async Task<IReadOnlyList<ApplyResult>> ApplyStepsAsync(TufClient client, CheckOutcome check, Func<TrustedUpdate, PolicyDecision> decide,
        IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var results = new List<ApplyResult>();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var held = _site.State.Load().Held;
        var heldProducts = new HashSet<string>(StringComparer.Ordinal);
        var postponed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var update in check.Updates)
        {
            var touched = new[] { update.Facts.Product, update.Facts.InstallsProduct }.Concat(update.Facts.Requires.Select(r => r.Product)).ToList();
            if (touched.FirstOrDefault(failed.Contains) is { } earlier)
            {
                results.Add(ApplyResult.Skipped(update, $"an earlier step for {earlier} failed"));
                failed.Add(update.Facts.InstallsProduct);
                continue;
            }

            if (held.GetValueOrDefault(update.Target.Sha256) is { } package)
            {
                // A package that failed its hooks here is not tried again at every run; a fixed one (another package) is.
                results.Add(ApplyResult.Held(update, $"{package.Product} {package.Version} ({package.TargetPath}) failed here and is held: {package.Reason}"));
                heldProducts.Add(update.Facts.InstallsProduct);
                continue;
            }

            if (touched.FirstOrDefault(heldProducts.Contains) is { } waiting)
            {
                results.Add(ApplyResult.Held(update, $"waits for {waiting}, whose package is held"));
                heldProducts.Add(update.Facts.InstallsProduct);
                continue;
            }

            if (touched.FirstOrDefault(postponed.ContainsKey) is { } before)
            {
                results.Add(ApplyResult.Postponed(update, postponed[before], $"waits for {before}, which is not installed now"));
                postponed[update.Facts.InstallsProduct] = postponed[before];
                continue;
            }

            var decision = decide(update);
            if (decision.Action is PolicyAction.Notify or PolicyAction.Defer)
            {
                var outcome = decision.Action == PolicyAction.Notify ? ApplyOutcomes.Notified : ApplyOutcomes.Deferred;
                results.Add(ApplyResult.Postponed(update, outcome, decision.Reason));
                postponed[update.Facts.InstallsProduct] = outcome;
                continue;
            }

            var result = await ApplyOneAsync(client, update, decision, progress, cancellationToken);
            results.Add(result);
            if (result.Outcome == ApplyOutcomes.Downloaded)
            {
                postponed[update.Facts.InstallsProduct] = ApplyOutcomes.Downloaded;
                continue;
            }

            if (!result.Succeeded)
            {
                failed.Add(update.Facts.Product);
                failed.Add(update.Facts.InstallsProduct);
            }
        }

        return results;
    }

    /// <summary>What the policy allows for <paramref name="update"/> now; records when the machine first saw it (deferral counts from there).</summary>
    private PolicyDecision Decide(TrustedUpdate update, bool downloadOnly)
    {
        var now = time.GetUtcNow();
        var state = _site.State.Load();
        if (!state.FirstSeen.ContainsKey(update.Target.Sha256))
        {
            state = state.WithSeen(update.Target.Sha256, now);
            _site.State.Save(state);
        }

        return new PolicyJudge(settings.Policy).Decide(update, state.FirstSeen[update.Target.Sha256], now, downloadOnly);
    }

    /// <summary>The products this updater looks after: the configured ones, its own, and every one it installed (drivers).</summary>
    private List<string> KnownProducts() =>
        settings.Products.Concat(settings.UpdaterProduct is { } self ? [self] : []).Concat(_site.State.Load().Products.Keys)
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// After a power cut between switching <c>current</c> and saving the state, the state is behind the link;
    /// the link is what runs, so the state is brought in line with it.
    /// </summary>
    private void ReconcileStateWithLinks()
    {
        var recorded = _site.State.Load();
        var state = recorded;
        foreach (var product in KnownProducts())
        {
            var linked = CurrentLink.Read(_site.Layout.ProductDirectory(product));
            var release = state.Find(product);
            if (linked is not null && release?.Version != linked)
            {
                state = state.With(new InstalledRelease(product, linked, release?.Kind ?? "unknown", string.Empty, string.Empty,
                    time.GetUtcNow(), release?.Version));
            }
        }

        // Written only when a link moved: the usual run finds the state in line and leaves the file alone.
        if (!ReferenceEquals(state, recorded))
        {
            _site.State.Save(state);
        }
    }

    private async Task<CheckOutcome> CheckWithAsync(TufClient client, CancellationToken cancellationToken)
    {
        var inventory = await ReadInventoryAsync(cancellationToken);
        var device = Profile(inventory);
        var advice = await api.CheckAsync(Request(inventory), cancellationToken);
        var (updates, refused) = await new PlanVerifier(device).ConfirmAsync(client, advice.Steps, cancellationToken);
        foreach (var refusal in refused)
        {
            LogAdviceRefused(logger, refusal.Product, refusal.TargetPath, refusal.Reason);
        }

        return new CheckOutcome(updates, refused, advice.Held, advice.Unsatisfied, advice.Products, inventory,
            client.Trusted.Snapshot!.Signed.Version);
    }

    /// <summary>What the planner, here and on the server, knows about this machine.</summary>
    private DeviceProfile Profile(MachineInventory inventory) => new()
    {
        Os = settings.Os,
        Arch = settings.Arch,
        Channel = settings.Channel,
        TestRing = settings.TestRing,
        HardwareIds = inventory.HardwareIds,
        Installed = inventory.Installed,
        Components = inventory.Components,
        Managed = KnownProducts(),
        Pins = settings.Pins,
        UpdaterProduct = settings.UpdaterProduct,
        DriverVendors = settings.DriverVendors,
    };

    private CheckRequest Request(MachineInventory inventory) => new()
    {
        DeviceId = settings.DeviceId,
        Channel = settings.Channel,
        TestRing = settings.TestRing,
        Os = settings.Os,
        Arch = settings.Arch,
        Products = KnownProducts().Select(p => new InstalledProduct(p, inventory.Installed.GetValueOrDefault(p)?.ToFullString())).ToList(),
        Pins = settings.Pins.ToDictionary(p => p.Key, p => p.Value.ToNormalizedString(), StringComparer.Ordinal),
        DriverVendors = settings.DriverVendors?.Order(StringComparer.Ordinal).ToList(),
        HardwareIds = inventory.HardwareIds,
        Components = inventory.Components.Select(c => new ComponentVersion(c.Key, c.Value.ToNormalizedString())).ToList(),
        UpdaterProduct = settings.UpdaterProduct,
    };

    /// <param name="client">The refreshed TUF client.</param>
    /// <param name="update">The confirmed step.</param>
    /// <param name="policy">Install, or only download (the package is kept for a later apply).</param>
    /// <param name="progress">Download progress, or null.</param>
    /// <param name="cancellationToken">Cancels the download; an install in progress is undone.</param>
    private async Task<ApplyResult> ApplyOneAsync(TufClient client, TrustedUpdate update, PolicyDecision policy, IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        var install = policy.Action == PolicyAction.Install;
        var facts = update.Facts;
        var version = facts.InstallsVersion.ToFullString();
        var stopwatch = Stopwatch.StartNew();
        Directory.CreateDirectory(settings.DownloadDirectory);
        var package = Path.Combine(settings.DownloadDirectory, $"{update.Target.Sha256}.upkg");
        IReadOnlyList<HookResult> hooks = [];
        ApplyResult result;
        try
        {
            // Checked again right before installing: nothing may install over a version that is as new or newer.
            if (InstalledVersion(facts.InstallsProduct) is { } installed && installed >= facts.InstallsVersion)
            {
                throw new PackageFactsMismatchException($"{facts.InstallsProduct} {installed.ToFullString()} is installed already; {version} is not newer.");
            }

            // A package kept from a download-only run is used again only if it still matches the signed length and hashes.
            if (!await DownloadedPackage.IsCompleteAsync(package, update.Target, cancellationToken))
            {
                await new DownloadRetry(settings.DownloadAttempts, settings.RetryDelay, time).RunAsync(
                    () => client.DownloadTargetAsync(update.TargetPath, update.Target, package,
                        new ProductDownloadProgress(progress, _faults, facts.InstallsProduct, version, update.Target.Length), cancellationToken),
                    (attempt, delay, error) => LogDownloadRetry(logger, facts.InstallsProduct, version, attempt, delay, error.Message),
                    cancellationToken);
            }

            if (!install)
            {
                return ApplyResult.Postponed(update, ApplyOutcomes.Downloaded, policy.Reason);
            }

            // A stop request is honoured before a transaction starts, never inside one: a switch is never interrupted.
            cancellationToken.ThrowIfCancellationRequested();
            hooks = await new PackageInstaller(_site).InstallAsync(facts, package,
                new PackageOrigin(update.TargetPath, update.Target.Sha256, update.FromVersion), CancellationToken.None);
            result = new ApplyResult(facts.InstallsProduct, update.FromVersion, version, ApplyOutcomes.Succeeded, null, null, hooks);
        }
        catch (HookFailedException e)
        {
            LogApplyFailed(logger, facts.InstallsProduct, version, e);
            _site.State.Save(_site.State.Load().WithHeld(update.Target.Sha256,
                new HeldPackage(facts.InstallsProduct, version, update.TargetPath, e.Failed.Failure, time.GetUtcNow())));
            result = new ApplyResult(facts.InstallsProduct, update.FromVersion, version,
                e.RolledBack ? ApplyOutcomes.RolledBack : ApplyOutcomes.Failed, FailureCodes.For(e), e.Message, e.Hooks);
        }
        catch (Exception e) when (e is TufException or PackageException or PackageFactsMismatchException or IOException
            or UnauthorizedAccessException or InvalidOperationException)
        {
            LogApplyFailed(logger, facts.InstallsProduct, version, e);
            result = new ApplyResult(facts.InstallsProduct, update.FromVersion, version, ApplyOutcomes.Failed, FailureCodes.For(e), e.Message, hooks);
        }
        finally
        {
            if (install)
            {
                File.Delete(package);
            }
        }

        await ReportAsync(result, stopwatch.Elapsed, cancellationToken);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovered the transaction of {Product} {Version} found at {Phase}: {Decision}")]
    private static partial void LogRecovered(ILogger logger, string product, string version, string phase, string decision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Download of {Product} {Version} broke off (attempt {Attempt}); resuming in {Delay}: {Reason}")]
    private static partial void LogDownloadRetry(ILogger logger, string product, string version, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused advice for {Product} ({TargetPath}): {Reason}")]
    private static partial void LogAdviceRefused(ILogger logger, string product, string targetPath, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying {Product} {Version} failed")]
    private static partial void LogApplyFailed(ILogger logger, string product, string version, Exception exception);

}
