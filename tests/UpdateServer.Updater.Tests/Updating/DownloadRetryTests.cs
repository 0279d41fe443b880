using Microsoft.Extensions.Time.Testing;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Updater.Updating;

namespace UpdateServer.Updater.Tests.Updating;

public sealed class DownloadRetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1, 0.0, 1000)]
    [InlineData(1, 1.0, 2000)]
    [InlineData(2, 0.0, 2000)]
    [InlineData(3, 0.5, 6000)]
    [InlineData(20, 1.0, 300_000)]
    public void DoublesTheDelayWithJitterUpToTheCap(int attempt, double jitter, double expectedMs)
    {
        var retry = new DownloadRetry(5, TimeSpan.FromSeconds(2), TimeProvider.System);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), retry.Delay(attempt, jitter));
    }

    [Fact]
    public async Task RetriesABrokenTransferAfterTheBackOffThenSucceeds()
    {
        var clock = new FakeTimeProvider();
        var retry = new DownloadRetry(3, TimeSpan.FromSeconds(10), clock);
        var attempts = 0;
        var waits = new List<TimeSpan>();

        var run = retry.RunAsync(() => ++attempts < 3 ? throw new DownloadFailedException("cut") : Task.CompletedTask,
            (_, delay, _) => waits.Add(delay), Ct);
        while (!run.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        await run;
        Assert.Equal(3, attempts);
        Assert.Equal(2, waits.Count);
        Assert.InRange(waits[0], TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        Assert.InRange(waits[1], TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task NeverRetriesBytesThatFailedVerification()
    {
        var attempts = 0;
        var retry = new DownloadRetry(5, TimeSpan.Zero, TimeProvider.System);

        await Assert.ThrowsAsync<LengthOrHashMismatchException>(() => retry.RunAsync(() =>
        {
            attempts++;
            throw new LengthOrHashMismatchException("bad", AttackKind.ArbitraryInstallation);
        }, null, Ct));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task GivesUpAfterTheConfiguredAttempts()
    {
        var attempts = 0;
        var retry = new DownloadRetry(3, TimeSpan.Zero, TimeProvider.System);

        await Assert.ThrowsAsync<DownloadFailedException>(() => retry.RunAsync(() =>
        {
            attempts++;
            throw new DownloadFailedException("cut");
        }, null, Ct));
        Assert.Equal(3, attempts);
    }
}
