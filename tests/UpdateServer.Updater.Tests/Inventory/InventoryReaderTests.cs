using System.Text.RegularExpressions;
using NuGet.Versioning;
using UpdateServer.Updater.Configuration;
using UpdateServer.Updater.Inventory;

namespace UpdateServer.Updater.Tests.Inventory;

public sealed class InventoryReaderTests : IDisposable
{
    private const string Nic = "pci:v00008086d000015BCsv000017AAsd00002292bc02sc00i00";

    private readonly TempFolder _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task CombinesOsReleaseHardwareInstalledProductsAndProbes()
    {
        _folder.File("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");
        _folder.File("sys/bus/pci/devices/0000:00:1f.6/modalias", Nic + "\n");
        var settings = Settings() with
        {
            Probes =
            [
                new ComponentProbe("postgres.server", "/bin/sh", ["-c", "echo 'postgres (PostgreSQL) 15.4'"], new Regex(@"PostgreSQL\) (?<version>\S+)"), TimeSpan.FromSeconds(10)),
                new ComponentProbe("acme.missing", "/nonexistent/us-no-such-command", [], new Regex("(.*)"), TimeSpan.FromSeconds(10)),
            ],
        };
        var installed = new Dictionary<string, NuGetVersion> { ["acme.a"] = NuGetVersion.Parse("1.2.0") };

        var inventory = await InventoryReader.ReadAsync(settings, ["acme.a", "acme.b", "acme.a"], p => installed.GetValueOrDefault(p), Ct);

        Assert.Equal("linux", inventory.Os);
        Assert.Equal("arm64", inventory.Arch);
        Assert.Equal(new OsRelease("debian", "12", "Debian GNU/Linux 12 (bookworm)"), inventory.OsRelease);
        Assert.Equal([Nic], inventory.HardwareIds);
        Assert.Equal(new Dictionary<string, NuGetVersion> { ["acme.a"] = NuGetVersion.Parse("1.2.0") }, inventory.Installed);
        Assert.Equal(
            new Dictionary<string, NuGetVersion> { ["os.debian"] = NuGetVersion.Parse("12"), ["postgres.server"] = NuGetVersion.Parse("15.4") },
            inventory.Components);
        Assert.Equal(["postgres.server", "acme.missing"], inventory.Probes.Select(p => p.Id));
        Assert.Null(inventory.Probes[1].Version);
        Assert.NotNull(inventory.Probes[1].Problem);
    }

    [Fact]
    public async Task ReadsAnEmptyMachine()
    {
        var inventory = await InventoryReader.ReadAsync(Settings(), [], _ => null, Ct);

        Assert.Same(OsRelease.Unknown, inventory.OsRelease);
        Assert.Empty(inventory.HardwareIds);
        Assert.Empty(inventory.Installed);
        Assert.Empty(inventory.Components);
        Assert.Empty(inventory.Probes);
    }

    [Fact]
    public async Task LetsAProbeNameTheOsComponent()
    {
        _folder.File("etc/os-release", "ID=debian\nVERSION_ID=12\n");
        var settings = Settings() with
        {
            Probes = [new ComponentProbe("os.debian", "/bin/sh", ["-c", "echo 12.7"], new Regex(@"([0-9.]+)"), TimeSpan.FromSeconds(10))],
        };

        var inventory = await InventoryReader.ReadAsync(settings, [], _ => null, Ct);

        Assert.Equal(NuGetVersion.Parse("12.7"), Assert.Single(inventory.Components).Value);
    }

    private UpdaterSettings Settings() =>
        new(new Uri("http://127.0.0.1:5080/"), Path.Combine(_folder.Path, "data"), Path.Combine(_folder.Path, "install"),
            Path.Combine(_folder.Path, "root.json"), "stable", "device-1", ["acme.a"], "linux", "arm64")
        {
            InventoryRoot = _folder.Path,
        };
}
