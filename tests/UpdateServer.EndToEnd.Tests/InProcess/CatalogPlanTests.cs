using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NuGet.Versioning;
using UpdateServer.EndToEnd.Tests.Support;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Versions;
using UpdateServer.Server.Data;
using UpdateServer.Testing;
using UpdateServer.Updater.Installing;
using UpdateServer.Updater.Updating;

namespace UpdateServer.EndToEnd.Tests.InProcess;

/// <summary>
/// The catalog end to end: the real server plans, the updater reads its (fake) hardware, verifies every step against
/// signed facts, installs through the package's hooks, and reports.
/// </summary>
public sealed class CatalogPlanTests : IAsyncLifetime
{
    private const string Platform = "acme.culture-platform";
    private const string Driver = "acme.nic-driver";
    private const string NicModalias = "pci:v00008086d00001533sv00008086sd00000001bc02sc00i00";
    private const string GpuModalias = "pci:v00008086d00003E92sv00001028sd0000085Cbc03sc00i00";
    private const string CameraModalias = "usb:v046Dp0825d0012dcEFdsc02dp01ic0Eisc01ip00in00";
    private readonly UpdateServerFactory _server = new();
    private readonly List<InProcessUpdater> _machines = [];
    private HttpClient _http = null!;
    private Publication _publication = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
        _publication = new Publication("acme", _server.Repository.AcmeKey, _server.Clock.GetUtcNow());
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var machine in _machines)
        {
            machine.Dispose();
        }

        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task InstallsTheDriverOnlyOnTheMachineWithItsHardware()
    {
        await _publication.AddReleaseAsync(Facts(Platform, "1.0.0", ProductKinds.Platform));
        await _publication.AddReleaseAsync(Facts(Driver, "1.0.0", ProductKinds.Driver) with { HardwareIds = [Pattern("pci:v00008086d00001533*")] },
            new Dictionary<string, string> { ["healthCheck"] = "test -f \"$UPDATER_VERSION_DIR/bin/app.txt\"" });
        await PublishAsync();
        var withCard = Machine(GpuModalias, NicModalias);
        var withoutCard = Machine(GpuModalias, CameraModalias);

        var (withCardCheck, withCardResults) = await withCard.Runner.ApplyAsync(null, Ct);
        var (withoutCardCheck, withoutCardResults) = await withoutCard.Runner.ApplyAsync(null, Ct);

        Assert.Equal([Platform, Driver], withCardResults.Select(r => r.Product));
        Assert.All(withCardResults, r => Assert.True(r.Succeeded, r.Error));
        Assert.Contains(NicModalias, withCardCheck.Updates.Single(u => u.Facts.Product == Driver).Reason, StringComparison.Ordinal);
        Assert.Equal("1.0.0", CurrentLink.Read(Path.Combine(withCard.InstallRoot, Driver)));
        Assert.Equal([Platform], withoutCardResults.Select(r => r.Product));
        Assert.DoesNotContain(withoutCardCheck.Updates, u => u.Facts.Product == Driver);
        Assert.False(Directory.Exists(Path.Combine(withoutCard.InstallRoot, Driver)));
        Assert.Equal(2, (await ReportsAsync()).Count(r => r.DeviceId == "with-card"));
    }

    [Fact]
    public async Task AppliesAnUpgradePathInOrder()
    {
        var machine = await MachineRunningPlatformAsync("1.4.0");
        await _publication.AddReleaseAsync(Facts("acme.culture-platform-upgrade", "2.0.0", ProductKinds.Upgrade) with
        {
            Upgrades = new UpgradeSpec(Platform, VersionRange.Parse("[1.0.0, 2.0.0)"), StrictVersion.Parse("2.0.0")),
        }, new Dictionary<string, string> { ["install"] = "echo \"$UPDATER_FROM_VERSION -> $UPDATER_INSTALLS_VERSION\" >> \"$UPDATER_INSTALL_ROOT/migrations.log\"" });
        await _publication.AddReleaseAsync(Facts(Platform, "2.3.0", ProductKinds.Platform) with { InstallableFrom = VersionRange.Parse("[2.0.0, )") });
        await PublishAsync();

        var (check, results) = await machine.Runner.ApplyAsync(null, Ct);

        Assert.Equal(["acme.culture-platform-upgrade 2.0.0", "acme.culture-platform 2.3.0"],
            check.Updates.Select(u => $"{u.Facts.Product} {u.Facts.Version}"));
        Assert.Equal(["1.4.0 -> 2.0.0", "2.0.0 -> 2.3.0"], results.Select(r => $"{r.FromVersion} -> {r.ToVersion}"));
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal("2.3.0", CurrentLink.Read(Path.Combine(machine.InstallRoot, Platform)));
        Assert.Equal("1.4.0 -> 2.0.0\n", await File.ReadAllTextAsync(Path.Combine(machine.InstallRoot, "migrations.log"), Ct));
        Assert.Equal(["1.4.0", "2.0.0"], (await ReportsAsync()).Where(r => r.ToVersion != "1.4.0").Select(r => r.FromVersion));
    }

    [Fact]
    public async Task RollsBackWhenTheHealthCheckFailsAndReportsWhy()
    {
        var machine = await MachineRunningPlatformAsync("1.0.0");
        await _publication.AddReleaseAsync(Facts(Platform, "2.0.0", ProductKinds.Platform), new Dictionary<string, string>
        {
            ["healthCheck"] = "echo \"database schema 7 missing\" >&2; exit 3",
            ["rollback"] = "echo \"undone $UPDATER_INSTALLS_VERSION, back to $UPDATER_FROM_VERSION\" > \"$UPDATER_INSTALL_ROOT/rollback.log\"",
        });
        await PublishAsync();

        var (_, results) = await machine.Runner.ApplyAsync(null, Ct);

        var result = Assert.Single(results);
        Assert.Equal((ApplyOutcomes.RolledBack, "health-check-failed"), (result.Outcome, result.ErrorCode));
        Assert.Equal("1.0.0", CurrentLink.Read(Path.Combine(machine.InstallRoot, Platform)));
        Assert.False(Directory.Exists(Path.Combine(machine.InstallRoot, Platform, "versions", "2.0.0")));
        Assert.Equal("undone 2.0.0, back to 1.0.0\n", await File.ReadAllTextAsync(Path.Combine(machine.InstallRoot, "rollback.log"), Ct));
        var report = (await ReportsAsync()).Single(r => r.ToVersion == "2.0.0");
        Assert.Equal(("rolled-back", "health-check-failed", "1.0.0"), (report.Outcome, report.ErrorCode, report.FromVersion));
        var hooks = JsonDocument.Parse(report.HooksJson!).RootElement;
        Assert.Equal(["health-check", "rollback"], hooks.EnumerateArray().Select(h => h.GetProperty("phase").GetString()));
        Assert.Equal(3, hooks[0].GetProperty("exitCode").GetInt32());
        Assert.Contains("database schema 7 missing", hooks[0].GetProperty("output").GetString(), StringComparison.Ordinal);

        // The next run does not install the broken release again, and says why.
        var (_, again) = await machine.Runner.ApplyAsync(null, Ct);
        Assert.Equal(ApplyOutcomes.Held, Assert.Single(again).Outcome);
        Assert.Equal("1.0.0", CurrentLink.Read(Path.Combine(machine.InstallRoot, Platform)));
        Assert.Single(await ReportsAsync(), r => r.ToVersion == "2.0.0");
    }

    [Fact]
    public async Task HoldsTheBrokenPackageAndWhatWaitsForItButTriesAFixedOne()
    {
        var machine = await MachineRunningPlatformAsync("1.4.0");
        var upgradeTo2 = new UpgradeSpec(Platform, VersionRange.Parse("[1.0.0, 2.0.0)"), StrictVersion.Parse("2.0.0"));
        await _publication.AddReleaseAsync(Facts("acme.culture-platform-upgrade", "2.0.0", ProductKinds.Upgrade) with { Upgrades = upgradeTo2 },
            new Dictionary<string, string> { ["healthCheck"] = "exit 1" });
        await _publication.AddReleaseAsync(Facts(Platform, "2.3.0", ProductKinds.Platform) with { InstallableFrom = VersionRange.Parse("[2.0.0, )") });
        await PublishAsync();
        var (_, failing) = await machine.Runner.ApplyAsync(null, Ct);
        Assert.Equal([ApplyOutcomes.RolledBack, ApplyOutcomes.Skipped], failing.Select(r => r.Outcome));

        // The next run holds the broken package, and 2.3.0 waits for it: held, not failed.
        var (_, held) = await machine.Runner.ApplyAsync(null, Ct);
        Assert.Equal([ApplyOutcomes.Held, ApplyOutcomes.Held], held.Select(r => r.Outcome));
        Assert.All(held, r => Assert.False(r.IsFailure));
        Assert.Equal("1.4.0", CurrentLink.Read(Path.Combine(machine.InstallRoot, Platform)));

        // A fixed package reaching the same version is tried.
        _publication.ClearUploads();
        _publication.Version = 3;
        await _publication.AddReleaseAsync(Facts("acme.culture-platform-upgrade", "2.0.1", ProductKinds.Upgrade) with { Upgrades = upgradeTo2 });
        await PublishAsync();
        var (_, fixedRun) = await machine.Runner.ApplyAsync(null, Ct);
        Assert.Equal(["1.4.0 -> 2.0.0", "2.0.0 -> 2.3.0"], fixedRun.Select(r => $"{r.FromVersion} -> {r.ToVersion}"));
        Assert.All(fixedRun, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal("2.3.0", CurrentLink.Read(Path.Combine(machine.InstallRoot, Platform)));
    }

    [Fact]
    public async Task TriesAHeldPackageAgainOnceReleased()
    {
        var machine = await MachineRunningPlatformAsync("1.0.0");
        await _publication.AddReleaseAsync(Facts(Platform, "2.0.0", ProductKinds.Platform),
            new Dictionary<string, string> { ["healthCheck"] = $"test -f \"$UPDATER_INSTALL_ROOT/ready\"" });
        await PublishAsync();
        Assert.Equal(ApplyOutcomes.RolledBack, Assert.Single((await machine.Runner.ApplyAsync(null, Ct)).Results).Outcome);
        await File.WriteAllTextAsync(Path.Combine(machine.InstallRoot, "ready"), "the database is migrated by hand", Ct);
        Assert.Equal(ApplyOutcomes.Held, Assert.Single((await machine.Runner.ApplyAsync(null, Ct)).Results).Outcome);

        Assert.Equal(1, machine.Runner.Unhold(Platform));
        var (_, retried) = await machine.Runner.ApplyAsync(null, Ct);

        Assert.True(Assert.Single(retried).Succeeded, retried[0].Error);
        Assert.Equal("2.0.0", CurrentLink.Read(Path.Combine(machine.InstallRoot, Platform)));
        Assert.Empty(machine.Runner.LoadState().Held);
    }

    [Fact]
    public async Task UpdatesTheUpdaterItselfLastLikeAnyOtherProduct()
    {
        await _publication.AddReleaseAsync(Facts("acme.updater", "2.0.0", ProductKinds.Platform),
            new Dictionary<string, string> { ["healthCheck"] = "test -f \"$UPDATER_VERSION_DIR/bin/app.txt\"" });
        await _publication.AddReleaseAsync(Facts(Platform, "1.0.0", ProductKinds.Platform));
        await PublishAsync();
        var root = FakeMachineRoot.Create(Path.Combine(Path.GetTempPath(), $"us-root-{Guid.NewGuid():N}"), GpuModalias);
        var machine = new InProcessUpdater(_server.BaseAddress, _server.Repository.RootBytes, _server.Clock.GetUtcNow(),
            settings => settings with { InventoryRoot = root, UpdaterProduct = "acme.updater" }, Platform);
        _machines.Add(machine);

        var (_, results) = await machine.Runner.ApplyAsync(null, Ct);

        Assert.Equal([$"{Platform} 1.0.0", "acme.updater 2.0.0"], results.Select(r => $"{r.Product} {r.ToVersion}"));
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal("2.0.0", CurrentLink.Read(Path.Combine(machine.InstallRoot, "acme.updater")));
        Assert.Equal("2.0.0", machine.Runner.LoadState().Find("acme.updater")!.Version);
    }

    private static ReleaseFacts Facts(string product, string version, string kind) =>
        new() { Product = product, Version = StrictVersion.Parse(version), Kind = kind, OperatingSystems = ["linux"] };

    private static HardwareIdPattern Pattern(string text) =>
        HardwareIdPattern.TryParse(text, out var pattern) ? pattern! : throw new ArgumentException(text);

    private InProcessUpdater Machine(params string[] modaliases)
    {
        var name = modaliases.Contains(NicModalias) ? "with-card" : modaliases.Contains(CameraModalias) ? "without-card" : "kiosk";
        var root = FakeMachineRoot.Create(Path.Combine(Path.GetTempPath(), $"us-root-{Guid.NewGuid():N}"), modaliases);
        var machine = new InProcessUpdater(_server.BaseAddress, _server.Repository.RootBytes, _server.Clock.GetUtcNow(),
            settings => settings with { InventoryRoot = root, DeviceId = name }, Platform);
        _machines.Add(machine);
        return machine;
    }

    /// <summary>A machine with the GPU that installed <paramref name="version"/> of the platform; the next publish is version 2 of the role.</summary>
    private async Task<InProcessUpdater> MachineRunningPlatformAsync(string version)
    {
        await _publication.AddReleaseAsync(Facts(Platform, version, ProductKinds.Platform));
        await PublishAsync();
        var machine = Machine(GpuModalias);
        Assert.True(Assert.Single((await machine.Runner.ApplyAsync(null, Ct)).Results).Succeeded);
        _publication.ClearUploads();
        _publication.Version = 2;
        return machine;
    }

    private async Task PublishAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/publish/acme") { Content = _publication.Content() };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _server.Repository.AcmeApiKey);
        using var response = await _http.SendAsync(request, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task<List<ReportRecord>> ReportsAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>().Reports.AsNoTracking().OrderBy(r => r.Id).ToListAsync(Ct);
    }
}
