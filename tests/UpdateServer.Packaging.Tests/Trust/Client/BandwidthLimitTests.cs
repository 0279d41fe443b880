using UpdateServer.Packaging.Trust.Client;

namespace UpdateServer.Packaging.Tests.Trust.Client;

public sealed class BandwidthLimitTests
{
    [Theory]
    [InlineData(0, 0, 1000, 0)]
    [InlineData(1000, 0, 0, 0)]
    [InlineData(1000, 0, 1000, 1000)]
    [InlineData(1000, 400, 1000, 600)]
    [InlineData(1000, 1500, 1000, 0)]
    [InlineData(5000, 1000, 1000, 4000)]
    public void WaitsUntilTheBytesReceivedAreDueAtTheAllowedRate(long received, int elapsedMs, long limit, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), BandwidthLimit.DelayBeforeNextRead(received, TimeSpan.FromMilliseconds(elapsedMs), limit));

    [Theory]
    [InlineData(65536, 0, 65536)]
    [InlineData(65536, 4000, 1000)]
    [InlineData(65536, 2, 1)]
    [InlineData(65536, 10_000_000, 65536)]
    public void ReadsAtMostAQuarterSecondsWorthAtATime(int buffer, long limit, int expected) =>
        Assert.Equal(expected, BandwidthLimit.ReadSize(buffer, limit));
}
