using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NuGet.Versioning;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Packages;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Updater.Checking;
using UpdateServer.Updater.Configuration;
using UpdateServer.Updater.Hooks;
using UpdateServer.Updater.Installing;
using UpdateServer.Updater.Inventory;
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
    ILogger<UpdateRunner> logger)
{
    private readonly InstallStateStore _state = new(settings.StateFile);
    private readonly InstallLayout _layout = new(settings.InstallRoot);
    private readonly HookRunner _hooks = new(settings.HookTimeout);

    public InstallState LoadState() => _state.Load();

    /// <summary>
    /// The version installed now: where <c>current</c> points (what actually runs), else what the state file says.
    /// The link wins because a power cut can fall between switching it and saving the state.
    /// </summary>
    public NuGetVersion? InstalledVersion(string product) =>
        CurrentLink.Read(_layout.ProductDirectory(product)) is { } linked && NuGetVersion.TryParse(linked, out var version)
            ? version
            : _state.Load().Find(product)?.Version is { } recorded ? NuGetVersion.Parse(recorded) : null;

    /// <summary>Releases the holds on <paramref name="product"/>'s failed packages, so the next run tries them again.</summary>
    /// <returns>How many holds were released.</returns>
    public int Unhold(string product)
    {
        using var installLock = InstallLock.Acquire(settings.LockFile);
        var state = _state.Load();
        var released = state.Held.Count(h => h.Value.Product == product);
        _state.Save(state.WithoutHolds(product));
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
    /// Checks, then downloads and installs every confirmed step of the plan in order, reporting each outcome. A step
    /// that fails stops the later steps for the same product or needing it.
    /// </summary>
    /// <exception cref="InstallLockedException">Another updater is applying.</exception>
    public async Task<(CheckOutcome Check, IReadOnlyList<ApplyResult> Results)> ApplyAsync(IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        using var installLock = InstallLock.Acquire(settings.LockFile);
        PackageInstaller.RemoveAbandonedStaging(_layout, KnownProducts());
        ReconcileStateWithLinks();
        var client = await repository.RefreshAsync(cancellationToken);
        var check = await CheckWithAsync(client, cancellationToken);
        var results = new List<ApplyResult>();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var held = _state.Load().Held;
        var heldProducts = new HashSet<string>(StringComparer.Ordinal);
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

            var result = await ApplyOneAsync(client, update, progress, cancellationToken);
            results.Add(result);
            if (!result.Succeeded)
            {
                failed.Add(update.Facts.Product);
                failed.Add(update.Facts.InstallsProduct);
            }
        }

        return (check, results);
    }

    /// <summary>The products this updater looks after: the configured ones, its own, and every one it installed (drivers).</summary>
    private List<string> KnownProducts() =>
        settings.Products.Concat(settings.UpdaterProduct is { } self ? [self] : []).Concat(_state.Load().Products.Keys)
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// After a power cut between switching <c>current</c> and saving the state, the state is behind the link;
    /// the link is what runs, so the state is brought in line with it.
    /// </summary>
    private void ReconcileStateWithLinks()
    {
        var state = _state.Load();
        foreach (var product in KnownProducts())
        {
            var linked = CurrentLink.Read(_layout.ProductDirectory(product));
            var recorded = state.Find(product);
            if (linked is not null && recorded?.Version != linked)
            {
                state = state.With(new InstalledRelease(product, linked, recorded?.Kind ?? "unknown", string.Empty, string.Empty,
                    time.GetUtcNow(), recorded?.Version));
            }
        }

        _state.Save(state);
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

    private async Task<ApplyResult> ApplyOneAsync(TufClient client, TrustedUpdate update, IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
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

            await client.DownloadTargetAsync(update.TargetPath, update.Target, package,
                progress is null ? null : new ProductDownloadProgress(progress, facts.InstallsProduct, version, update.Target.Length),
                cancellationToken);
            hooks = await new PackageInstaller(_layout, _hooks).InstallAsync(facts, package, cancellationToken);
            _state.Save(_state.Load().With(new InstalledRelease(facts.InstallsProduct, version, facts.Kind, update.TargetPath,
                update.Target.Sha256, time.GetUtcNow(), update.FromVersion)));
            result = new ApplyResult(facts.InstallsProduct, update.FromVersion, version, ApplyOutcomes.Succeeded, null, null, hooks);
        }
        catch (HookFailedException e)
        {
            LogApplyFailed(logger, facts.InstallsProduct, version, e);
            _state.Save(_state.Load().WithHeld(update.Target.Sha256,
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
            File.Delete(package);
        }

        await ReportAsync(result, stopwatch.Elapsed, cancellationToken);
        return result;
    }

    private async Task ReportAsync(ApplyResult result, TimeSpan duration, CancellationToken cancellationToken)
    {
        try
        {
            await api.ReportAsync(new InstallReport
            {
                DeviceId = settings.DeviceId,
                Product = result.Product,
                FromVersion = result.FromVersion,
                ToVersion = result.ToVersion,
                Outcome = result.Outcome,
                ErrorCode = result.ErrorCode,
                Message = result.Error is { Length: > 4096 } text ? text[..4096] : result.Error,
                DurationMs = (long)duration.TotalMilliseconds,
                Hooks = result.Hooks.Select(h => h.ToReport()).ToList(),
            }, cancellationToken);
        }
        catch (ServerApiException e)
        {
            // A report that cannot be sent never undoes an install; queuing it for later is the daemon's job.
            LogReportFailed(logger, result.Product, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused advice for {Product} ({TargetPath}): {Reason}")]
    private static partial void LogAdviceRefused(ILogger logger, string product, string targetPath, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying {Product} {Version} failed")]
    private static partial void LogApplyFailed(ILogger logger, string product, string version, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report the outcome for {Product}: {Reason}")]
    private static partial void LogReportFailed(ILogger logger, string product, string reason);
}
