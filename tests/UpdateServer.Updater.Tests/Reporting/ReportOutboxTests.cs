using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using UpdateServer.Packaging.Api;
using UpdateServer.Updater.Checking;
using UpdateServer.Updater.Reporting;

namespace UpdateServer.Updater.Tests.Reporting;

/// <summary>Reports are queued on disk while the server cannot be reached and sent, oldest first, once it can.</summary>
public sealed class ReportOutboxTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task KeepsReportsWhileOfflineAndSendsThemOldestFirstLater()
    {
        var outbox = Outbox(capacity: 10);
        foreach (var version in new[] { "1.0.0", "1.1.0", "1.2.0" })
        {
            outbox.Enqueue(Report(version));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        var offline = await outbox.FlushAsync((_, _) => throw new ServerApiException("connection refused"), Ct);
        var sent = new List<string>();
        var online = await outbox.FlushAsync((report, _) =>
        {
            sent.Add(report.ToVersion!);
            return Task.CompletedTask;
        }, Ct);

        Assert.Equal(0, offline);
        Assert.Equal(3, online);
        Assert.Equal(["1.0.0", "1.1.0", "1.2.0"], sent);
        Assert.Empty(outbox.Pending());
    }

    [Fact]
    public async Task StopsAtTheFirstReportThatCannotBeSentAndKeepsTheRest()
    {
        var outbox = Outbox(capacity: 10);
        outbox.Enqueue(Report("1.0.0"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        outbox.Enqueue(Report("1.1.0"));
        var calls = 0;

        var sent = await outbox.FlushAsync((_, _) => ++calls == 1 ? Task.CompletedTask : throw new ServerApiException("503", 503), Ct);

        Assert.Equal(1, sent);
        Assert.Single(outbox.Pending());
    }

    [Fact]
    public async Task DropsAReportTheServerRefusesAsInvalid()
    {
        var outbox = Outbox(capacity: 10);
        outbox.Enqueue(Report("1.0.0"));

        await outbox.FlushAsync((_, _) => throw new ServerApiException("invalid", 400), Ct);

        Assert.Empty(outbox.Pending());
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("oversized")]
    public async Task DropsAnUnreadableReportAndSendsTheOthers(string damage)
    {
        var outbox = Outbox(capacity: 10);
        foreach (var version in new[] { "1.0.0", "1.1.0", "1.2.0" })
        {
            outbox.Enqueue(Report(version));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        var broken = outbox.Pending()[1];
        var written = await File.ReadAllTextAsync(broken, Ct);
        await File.WriteAllTextAsync(broken, damage switch
        {
            "truncated" => written[..(written.Length / 2)],
            "not json" => "\u0000\u0001garbage",
            "null" => "null",
            _ => written.Replace("\"product\"", "\"padding\":\"" + new string('x', 300_000) + "\",\"product\"", StringComparison.Ordinal),
        }, Ct);
        var sent = new List<string>();

        var delivered = await outbox.FlushAsync((report, _) =>
        {
            sent.Add(report.ToVersion!);
            return Task.CompletedTask;
        }, Ct);

        Assert.Equal(2, delivered);
        Assert.Equal(["1.0.0", "1.2.0"], sent);
        Assert.Empty(outbox.Pending());
    }

    [Fact]
    public async Task SendsAReportUnderTheSameIdEveryTimeUntilItIsAccepted()
    {
        var outbox = Outbox(capacity: 10);
        outbox.Enqueue(Report("1.0.0"));
        outbox.Enqueue(Report("1.1.0"));
        var ids = new List<string?>();

        // The server stored the first report but its answer was lost: the device sends it again.
        await outbox.FlushAsync((report, _) =>
        {
            ids.Add(report.ReportId);
            throw new ServerApiException("connection reset");
        }, Ct);
        await outbox.FlushAsync((report, _) =>
        {
            ids.Add(report.ReportId);
            return Task.CompletedTask;
        }, Ct);

        Assert.Equal(3, ids.Count);
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id!));
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[1], ids[2]);
    }

    [Fact]
    public void DropsTheOldestReportsBeyondItsCapacity()
    {
        var outbox = Outbox(capacity: 3);
        for (var i = 0; i < 5; i++)
        {
            outbox.Enqueue(Report($"1.{i}.0"));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(3, outbox.Pending().Count);
        Assert.Contains("1.4.0", File.ReadAllText(outbox.Pending()[^1]), StringComparison.Ordinal);
        Assert.Contains("1.2.0", File.ReadAllText(outbox.Pending()[0]), StringComparison.Ordinal);
    }

    private ReportOutbox Outbox(int capacity) => new(Path.Combine(_folder.Path, "reports"), capacity, _clock, NullLogger.Instance);

    private static InstallReport Report(string version) => new()
    {
        DeviceId = "kiosk-01", Product = "acme.a", ToVersion = version, Outcome = "succeeded", DurationMs = 1,
    };
}
