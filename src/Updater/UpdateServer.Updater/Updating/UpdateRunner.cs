using System.Diagnostics;
using Microsoft.Extensions.Logging;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Catalog;
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
    private readonly PackageInstaller _installer = new(new InstallLayout(settings.InstallRoot));

    public InstallState LoadState() => _state.Load();

    /// <summary>Refreshes metadata and checks for updates without changing anything installed.</summary>
    public async Task<CheckOutcome> CheckAsync(CancellationToken cancellationToken)
    {
        var client = await repository.RefreshAsync(cancellationToken);
        return await CheckWithAsync(client, _state.Load(), cancellationToken);
    }

    /// <summary>Checks, then downloads and installs every confirmed update, reporting each outcome.</summary>
    /// <exception cref="InstallLockedException">Another updater is applying.</exception>
    public async Task<(CheckOutcome Check, IReadOnlyList<ApplyResult> Results)> ApplyAsync(IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        using var installLock = InstallLock.Acquire(settings.LockFile);
        var client = await repository.RefreshAsync(cancellationToken);
        var check = await CheckWithAsync(client, _state.Load(), cancellationToken);
        var results = new List<ApplyResult>();
        foreach (var update in check.Updates)
        {
            results.Add(await ApplyOneAsync(client, update, progress, cancellationToken));
        }

        return (check, results);
    }

    private async Task<CheckOutcome> CheckWithAsync(TufClient client, InstallState state, CancellationToken cancellationToken)
    {
        var request = new CheckRequest
        {
            DeviceId = settings.DeviceId,
            Channel = settings.Channel,
            Os = settings.Os,
            Arch = settings.Arch,
            Products = settings.Products.Select(p => new InstalledProduct(p, state.Find(p)?.Version)).ToList(),
        };
        var advice = await api.CheckAsync(request, cancellationToken);
        var updates = new List<TrustedUpdate>();
        var refused = new List<RefusedAdvice>();
        foreach (var advised in advice.Updates)
        {
            var (update, reason) = await ConfirmAsync(client, advised, state, cancellationToken);
            if (update is not null)
            {
                updates.Add(update);
            }
            else
            {
                LogAdviceRefused(logger, advised.Product, advised.TargetPath, reason!);
                refused.Add(new RefusedAdvice(advised.Product, advised.TargetPath, reason!));
            }
        }

        return new CheckOutcome(updates, refused, advice.Products, client.Trusted.Snapshot!.Signed.Version);
    }

    /// <summary>
    /// The check API is advice: the update is taken only if trusted metadata lists the target and its signed
    /// facts say it is the advised product, newer than what is installed, for this OS, architecture and channel.
    /// </summary>
    private async Task<(TrustedUpdate?, string?)> ConfirmAsync(TufClient client, AvailableUpdate advised, InstallState state,
        CancellationToken cancellationToken)
    {
        if (!settings.Products.Contains(advised.Product))
        {
            return (null, "this machine does not manage the product");
        }

        var target = await client.FindTargetAsync(advised.TargetPath, cancellationToken);
        if (target is null)
        {
            return (null, "no trusted metadata lists the target");
        }

        ReleaseFacts facts;
        try
        {
            facts = ReleaseFacts.FromCustom(target.Custom);
        }
        catch (ReleaseFactsException e)
        {
            return (null, $"the signed facts are invalid: {e.Message}");
        }

        var installed = state.Find(facts.Product)?.Version;
        string? reason = null;
        if (facts.Product != advised.Product)
        {
            reason = $"the signed target is for {facts.Product}, not {advised.Product}";
        }
        else if (installed is not null && facts.Version <= NuGet.Versioning.NuGetVersion.Parse(installed))
        {
            reason = $"signed version {facts.Version.ToFullString()} is not newer than installed {installed}";
        }
        else if (!facts.AppliesTo(settings.Os, settings.Arch))
        {
            reason = $"the signed release is not for {settings.Os}/{settings.Arch}";
        }
        else if (facts.Channel != settings.Channel && facts.Channel != ReleaseFacts.DefaultChannel)
        {
            reason = $"the signed release is on channel {facts.Channel}, not {settings.Channel}";
        }

        return reason is null ? (new TrustedUpdate(installed, advised.TargetPath, target, facts), null) : (null, reason);
    }

    private async Task<ApplyResult> ApplyOneAsync(TufClient client, TrustedUpdate update, IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        var version = update.Facts.Version.ToFullString();
        var stopwatch = Stopwatch.StartNew();
        ApplyResult result;
        try
        {
            Directory.CreateDirectory(settings.DownloadDirectory);
            var package = Path.Combine(settings.DownloadDirectory, $"{update.Target.Sha256}.upkg");
            await client.DownloadTargetAsync(update.TargetPath, update.Target, package,
                progress is null ? null : new ProductDownloadProgress(progress, update.Facts.Product, version, update.Target.Length),
                cancellationToken);
            await _installer.InstallAsync(update.Facts, package, cancellationToken);
            _state.Save(_state.Load().With(new InstalledRelease(update.Facts.Product, version, update.Facts.Kind, update.TargetPath,
                update.Target.Sha256, time.GetUtcNow(), update.InstalledVersion)));
            File.Delete(package);
            result = new ApplyResult(update.Facts.Product, update.InstalledVersion, version, true, null, null);
        }
        catch (Exception e) when (e is TufException or PackageException or PackageFactsMismatchException or IOException
            or UnauthorizedAccessException or InvalidOperationException)
        {
            LogApplyFailed(logger, update.Facts.Product, version, e);
            result = new ApplyResult(update.Facts.Product, update.InstalledVersion, version, false, FailureCodes.For(e), e.Message);
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
