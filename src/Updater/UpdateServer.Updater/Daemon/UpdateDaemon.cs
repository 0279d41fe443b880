using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UpdateServer.Packaging.Packages;
using UpdateServer.Packaging.Trust;
using UpdateServer.Updater.Checking;
using UpdateServer.Updater.Configuration;
using UpdateServer.Updater.Installing;
using UpdateServer.Updater.Transactions;
using UpdateServer.Updater.Updating;

namespace UpdateServer.Updater.Daemon;

/// <summary>
/// <c>updater daemon</c>: recovers an unfinished transaction at start, then runs an apply cycle (as the policy allows),
/// sends queued reports, and waits the check interval with jitter, until stopped. A stop request cancels a wait, a
/// check or a download, never a transaction in progress (the runner starts none after a stop and finishes the one it
/// is in). The install lock keeps a daemon and a manual <c>updater apply</c> from applying at once: whoever comes second
/// waits for the next cycle.
/// </summary>
public sealed partial class UpdateDaemon(UpdateRunner runner, UpdaterSettings settings, TimeProvider time, ILogger<UpdateDaemon> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A whole fleet started together (after a power cut) spreads its first check over a tenth of the interval.
        await WaitAsync(settings.CheckInterval * (Random.Shared.NextDouble() / 10), stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunCycleAsync(stoppingToken);
            await WaitAsync(NextDelay(settings.CheckInterval, Random.Shared.NextDouble()), stoppingToken);
        }
    }

    /// <summary>The wait before the next cycle: the interval ± 10 % by <paramref name="jitter"/> (0–1).</summary>
    public static TimeSpan NextDelay(TimeSpan interval, double jitter) => interval * (0.9 + (jitter / 5));

    /// <summary>One cycle; every failure is logged and the next cycle tries again.</summary>
    public async Task RunCycleAsync(CancellationToken stoppingToken)
    {
        try
        {
            var (_, results) = await runner.ApplyAsync(null, stoppingToken);
            foreach (var result in results)
            {
                LogResult(logger, result.Product, result.FromVersion ?? "-", result.ToVersion, result.Outcome, result.Error ?? string.Empty);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogStopping(logger);
        }
        catch (Exception e) when (e is TufException or ServerApiException or InstallLockedException or PackageException or IOException
            or UnauthorizedAccessException or InvalidDataException or RollbackUnavailableException or InvalidOperationException)
        {
            LogCycleFailed(logger, e.Message);
        }
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: nothing was in progress.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Product} {From} -> {To}: {Outcome} {Detail}")]
    private static partial void LogResult(ILogger logger, string product, string from, string to, string outcome, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stop requested; no transaction was interrupted")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Update cycle failed; trying again at the next one: {Reason}")]
    private static partial void LogCycleFailed(ILogger logger, string reason);
}
