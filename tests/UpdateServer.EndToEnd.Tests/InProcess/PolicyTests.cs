using UpdateServer.EndToEnd.Tests.Support;
using UpdateServer.Testing;
using UpdateServer.Updater.Installing;
using UpdateServer.Updater.Policies;
using UpdateServer.Updater.Updating;

namespace UpdateServer.EndToEnd.Tests.InProcess;

/// <summary>Policies against the real server: the maintenance window, download-only and notify.</summary>
public sealed class PolicyTests : IAsyncLifetime
{
    private const string Product = "acme.culture-platform";
    private readonly UpdateServerFactory _server = new();
    private byte[] _package = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var publication = new Publication("acme", _server.Repository.AcmeKey, _server.Clock.GetUtcNow());
        _package = await publication.AddPackageAsync(Product, "1.0.0");
        await _server.PublishAsAcmeAsync(publication, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task OutsideTheMaintenanceWindowNothingIsAppliedAndInsideItTheDownloadedPackageInstalls()
    {
        // The server's clock says 12:00 UTC; the window is 02:00–04:00 UTC.
        var window = new MaintenanceWindow(Enum.GetValues<DayOfWeek>().ToHashSet(), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeZoneInfo.Utc);
        using var machine = Machine(new UpdatePolicy(PolicyModes.Auto, window, TimeSpan.Zero));

        var (_, outside) = await machine.Runner.ApplyAsync(null, Ct);

        Assert.Equal(ApplyOutcomes.Downloaded, Assert.Single(outside).Outcome);
        Assert.False(outside[0].IsFailure);
        AssertNothingInstalled(machine);
        Assert.Equal(_package, await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(machine.Settings.DownloadDirectory)), Ct));

        machine.Clock.Advance(TimeSpan.FromHours(14.5));
        var fetchedBefore = TargetRequests(machine);
        var (_, inside) = await machine.Runner.ApplyAsync(null, Ct);

        Assert.True(Assert.Single(inside).Succeeded, inside[0].Error);
        Assert.Equal("1.0.0", CurrentLink.Read(Path.Combine(machine.InstallRoot, Product)));
        Assert.Equal(fetchedBefore, TargetRequests(machine));
        Assert.Empty(Directory.GetFiles(machine.Settings.DownloadDirectory));
    }

    [Fact]
    public async Task DownloadOnlyDownloadsVerifiesAndStops()
    {
        using var machine = Machine(new UpdatePolicy(PolicyModes.DownloadOnly, null, TimeSpan.Zero));

        var (_, results) = await machine.Runner.ApplyAsync(null, Ct);

        Assert.Equal(ApplyOutcomes.Downloaded, Assert.Single(results).Outcome);
        AssertNothingInstalled(machine);
        Assert.Equal(_package, await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(machine.Settings.DownloadDirectory)), Ct));
    }

    [Fact]
    public async Task NotifyListsTheUpdateAndDownloadsNothing()
    {
        using var machine = Machine(new UpdatePolicy(PolicyModes.Notify, null, TimeSpan.Zero));

        var (_, results) = await machine.Runner.ApplyAsync(null, Ct);

        Assert.Equal(ApplyOutcomes.Notified, Assert.Single(results).Outcome);
        AssertNothingInstalled(machine);
        Assert.Equal(0, TargetRequests(machine));
    }

    [Fact]
    public async Task ANonMandatoryUpdateWaitsOutItsDeferral()
    {
        using var machine = Machine(new UpdatePolicy(PolicyModes.Auto, null, TimeSpan.FromDays(7)));

        var (_, results) = await machine.Runner.ApplyAsync(null, Ct);

        Assert.Equal(ApplyOutcomes.Deferred, Assert.Single(results).Outcome);
        AssertNothingInstalled(machine);
        Assert.Contains("deferred until 2026-12-01", results[0].Error, StringComparison.Ordinal);
    }

    private InProcessUpdater Machine(UpdatePolicy policy) =>
        new(_server.BaseAddress, _server.Repository.RootBytes, _server.Clock.GetUtcNow(), settings => settings with { Policy = policy }, Product);

    private static int TargetRequests(InProcessUpdater machine)
    {
        lock (machine.Network.Requests)
        {
            return machine.Network.Requests.Count(p => p.StartsWith("/tuf/targets/", StringComparison.Ordinal));
        }
    }

    private static void AssertNothingInstalled(InProcessUpdater machine)
    {
        Assert.Null(CurrentLink.Read(Path.Combine(machine.InstallRoot, Product)));
        Assert.Empty(machine.Runner.LoadState().Products);
    }
}
