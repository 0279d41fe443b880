using UpdateServer.Packaging.Trust.Client;

namespace UpdateServer.Updater.Updating;

/// <summary>
/// Retries a download that broke off (network error, stall, too slow) after a delay that doubles each time, with
/// jitter so a fleet cut off together does not come back together. Each retry resumes from the bytes kept. Bytes that
/// fail verification are never retried here: that is an attack or a broken repository, not a flaky network.
/// </summary>
public sealed class DownloadRetry(int attempts, TimeSpan firstDelay, TimeProvider time)
{
    /// <summary>The longest wait between two attempts.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);

    /// <exception cref="DownloadFailedException">The last attempt broke off too.</exception>
    public async Task RunAsync(Func<Task> attempt, Action<int, TimeSpan, Exception>? onRetry, CancellationToken cancellationToken)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                await attempt();
                return;
            }
            catch (Exception e) when (number < attempts && IsTransient(e))
            {
                var delay = Delay(number, Random.Shared.NextDouble());
                onRetry?.Invoke(number, delay, e);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, cancellationToken);
                }
            }
        }
    }

    /// <summary>The wait after failed attempt <paramref name="number"/> (1-based): first delay × 2^(n-1), capped, times 0.5–1 by <paramref name="jitter"/> (0–1).</summary>
    public TimeSpan Delay(int number, double jitter)
    {
        var exponential = firstDelay.TotalMilliseconds * Math.Pow(2, Math.Min(number - 1, 30));
        return TimeSpan.FromMilliseconds(Math.Min(exponential, MaxDelay.TotalMilliseconds) * (0.5 + (jitter / 2)));
    }

    /// <summary>A transfer that broke off, on every mirror tried; verification failures are not transient.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        DownloadFailedException => true,
        MirrorsFailedException mirrors => mirrors.Failures.All(f => f.Error is DownloadFailedException),
        _ => false,
    };
}
