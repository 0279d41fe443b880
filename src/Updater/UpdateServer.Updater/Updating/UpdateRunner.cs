using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NuGet.Versioning;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Packages;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Updater.Checking;
using UpdateServer.Updater.Configuration;
using UpdateServer.Updater.Installing;
using UpdateServer.Updater.Trust;

namespace UpdateServer.Updater.Updating;

/// <summary>
/// One update cycle: refresh trusted metadata, ask the server what to install, confirm every piece of advice
/// against signed metadata (path, length, hashes and facts), download, verify, install, report.
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
    private readonly AdviceVerifier _verifier = new(settings);

    public InstallState LoadState() => _state.Load();

    /// <summary>
    /// The version installed now: where <c>current</c> points (what actually runs), else what the state file says.
    /// The link wins because a power cut can fall between switching it and saving the state.
    /// </summary>
    public NuGetVersion? InstalledVersion(string product) =>
        CurrentLink.Read(_layout.ProductDirectory(product)) is { } linked && NuGetVersion.TryParse(linked, out var version)
            ? version
            : _state.Load().Find(product)?.Version is { } recorded ? NuGetVersion.Parse(recorded) : null;

    /// <summary>Refreshes metadata and checks for updates without changing anything installed.</summary>
    public async Task<CheckOutcome> CheckAsync(CancellationToken cancellationToken)
    {
        var client = await repository.RefreshAsync(cancellationToken);
        return await CheckWithAsync(client, cancellationToken);
    }

    /// <summary>Checks, then downloads and installs every confirmed update, reporting each outcome.</summary>
    /// <exception cref="InstallLockedException">Another updater is applying.</exception>
    public async Task<(CheckOutcome Check, IReadOnlyList<ApplyResult> Results)> ApplyAsync(IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        using var installLock = InstallLock.Acquire(settings.LockFile);
        PackageInstaller.RemoveAbandonedStaging(_layout, settings.Products);
        ReconcileStateWithLinks();
        var client = await repository.RefreshAsync(cancellationToken);
        var check = await CheckWithAsync(client, cancellationToken);
        var results = new List<ApplyResult>();
        foreach (var update in check.Updates)
        {
            results.Add(await ApplyOneAsync(client, update, progress, cancellationToken));
        }

        return (check, results);
    }

    /// <summary>
    /// After a power cut between switching <c>current</c> and saving the state, the state is behind the link;
    /// the link is what runs, so the state is brought in line with it.
    /// </summary>
    private void ReconcileStateWithLinks()
    {
        var state = _state.Load();
        foreach (var product in settings.Products)
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
        var request = new CheckRequest
        {
            DeviceId = settings.DeviceId,
            Channel = settings.Channel,
            Os = settings.Os,
            Arch = settings.Arch,
            Products = settings.Products.Select(p => new InstalledProduct(p, InstalledVersion(p)?.ToFullString())).ToList(),
        };
        var advice = await api.CheckAsync(request, cancellationToken);
        var (updates, refused) = await _verifier.ConfirmAsync(client, advice.Updates, InstalledVersion, cancellationToken);
        foreach (var refusal in refused)
        {
            LogAdviceRefused(logger, refusal.Product, refusal.TargetPath, refusal.Reason);
        }

        return new CheckOutcome(updates, refused, advice.Products, client.Trusted.Snapshot!.Signed.Version);
    }

    private async Task<ApplyResult> ApplyOneAsync(TufClient client, TrustedUpdate update, IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        var version = update.Facts.Version.ToFullString();
        var stopwatch = Stopwatch.StartNew();
        Directory.CreateDirectory(settings.DownloadDirectory);
        var package = Path.Combine(settings.DownloadDirectory, $"{update.Target.Sha256}.upkg");
        ApplyResult result;
        try
        {
            // Checked again right before installing: nothing may install over a version that is as new or newer.
            if (InstalledVersion(update.Facts.Product) is { } installed && installed >= update.Facts.Version)
            {
                throw new PackageFactsMismatchException($"{update.Facts.Product} {installed.ToFullString()} is installed already; {version} is not newer.");
            }

            await client.DownloadTargetAsync(update.TargetPath, update.Target, package,
                progress is null ? null : new ProductDownloadProgress(progress, update.Facts.Product, version, update.Target.Length),
                cancellationToken);
            await new PackageInstaller(_layout).InstallAsync(update.Facts, package, cancellationToken);
            _state.Save(_state.Load().With(new InstalledRelease(update.Facts.Product, version, update.Facts.Kind, update.TargetPath,
                update.Target.Sha256, time.GetUtcNow(), update.InstalledVersion)));
            result = new ApplyResult(update.Facts.Product, update.InstalledVersion, version, true, null, null);
        }
        catch (Exception e) when (e is TufException or PackageException or PackageFactsMismatchException or IOException
            or UnauthorizedAccessException or InvalidOperationException)
        {
            LogApplyFailed(logger, update.Facts.Product, version, e);
            result = new ApplyResult(update.Facts.Product, update.InstalledVersion, version, false, FailureCodes.For(e), e.Message);
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
                Outcome = result.Succeeded ? "succeeded" : "failed",
                ErrorCode = result.ErrorCode,
                Message = result.Error is { Length: > 4096 } text ? text[..4096] : result.Error,
                DurationMs = (long)duration.TotalMilliseconds,
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
