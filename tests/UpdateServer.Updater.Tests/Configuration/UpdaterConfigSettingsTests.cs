using NuGet.Versioning;
using UpdateServer.Updater.Configuration;

namespace UpdateServer.Updater.Tests.Configuration;

public sealed class UpdaterConfigSettingsTests : IDisposable
{
    private const string Required = """
        "serverUrl": "http://127.0.0.1:5080", "dataDirectory": "data", "installRoot": "/opt/acme",
        "trustedRoot": "root.json", "products": ["acme.a"]
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AppliesDefaultsToTheOptionalSettings()
    {
        var settings = Load("");

        Assert.False(settings.TestRing);
        Assert.Empty(settings.Pins);
        Assert.Null(settings.UpdaterProduct);
        Assert.Equal("/", settings.InventoryRoot);
        Assert.Empty(settings.Probes);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.HookTimeout);
    }

    [Fact]
    public void ReadsTheTestRingTheUpdaterProductAndTheHookTimeout()
    {
        var settings = Load("""
            "testRing": true, "updaterProduct": "acme.updater", "hookTimeout": "00:01:30"
            """);

        Assert.True(settings.TestRing);
        Assert.Equal("acme.updater", settings.UpdaterProduct);
        Assert.Equal(TimeSpan.FromSeconds(90), settings.HookTimeout);
    }

    [Fact]
    public void ReadsPinsAsVersionRanges()
    {
        var settings = Load("""
            "pins": { "acme.a": "[1.0.0,2.0.0)", "acme.b": "1.5.0" }
            """);

        Assert.Equal(["acme.a", "acme.b"], settings.Pins.Keys.Order(StringComparer.Ordinal));
        Assert.True(settings.Pins["acme.a"].Satisfies(NuGetVersion.Parse("1.9.9")));
        Assert.False(settings.Pins["acme.a"].Satisfies(NuGetVersion.Parse("2.0.0")));
        Assert.True(settings.Pins["acme.b"].Satisfies(NuGetVersion.Parse("3.0.0")));
        Assert.False(settings.Pins["acme.b"].Satisfies(NuGetVersion.Parse("1.4.0")));
    }

    [Fact]
    public void ResolvesTheInventoryRootAgainstTheConfigFolderAndReadsProbes()
    {
        var settings = Load("""
            "inventory": {
              "root": "fake-machine",
              "probes": [
                { "id": "postgres.server", "command": "/usr/bin/psql", "arguments": ["--version"],
                  "pattern": "PostgreSQL\\) (?<version>[0-9.]+)", "timeout": "00:00:03" },
                { "id": "acme.cache", "command": "redis-server", "pattern": "v=(\\S+)" }
              ]
            }
            """);

        Assert.Equal(Path.Combine(_folder.Path, "conf", "fake-machine"), settings.InventoryRoot);
        Assert.Equal(2, settings.Probes.Count);
        var postgres = settings.Probes[0];
        Assert.Equal("postgres.server", postgres.Id);
        Assert.Equal("/usr/bin/psql", postgres.Command);
        Assert.Equal(["--version"], postgres.Arguments);
        Assert.Equal("15.4", postgres.Pattern.Match("psql (PostgreSQL) 15.4").Groups["version"].Value);
        Assert.Equal(TimeSpan.FromSeconds(3), postgres.Timeout);
        Assert.Empty(settings.Probes[1].Arguments);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Probes[1].Timeout);
    }

    [Fact]
    public void KeepsAnAbsoluteInventoryRoot()
    {
        var settings = Load("""
            "inventory": { "root": "/srv/machine" }
            """);

        Assert.Equal("/srv/machine", settings.InventoryRoot);
    }

    [Theory]
    [InlineData("""  "pins": { "acme.a": "not a range" }  """, "\"pins.acme.a\"")]
    [InlineData("""  "pins": { "acme.a": "[2.0.0" }  """, "\"pins.acme.a\"")]
    [InlineData("""  "pins": { "acme.a": "1.*" }  """, "\"pins.acme.a\"")]
    [InlineData("""  "pins": { "acme.a": "" }  """, "\"pins.acme.a\"")]
    [InlineData("""  "pins": { "Acme": "[1.0.0,)" }  """, "\"pins.Acme\"")]
    [InlineData("""  "pins": { "acme.a": 1 }  """, "pins")]
    [InlineData("""  "updaterProduct": "Updater"  """, "\"updaterProduct\"")]
    [InlineData("""  "updaterProduct": "acme"  """, "\"updaterProduct\"")]
    [InlineData("""  "testRing": "yes"  """, "testRing")]
    [InlineData("""  "hookTimeout": "00:00:00"  """, "\"hookTimeout\"")]
    [InlineData("""  "hookTimeout": "-00:00:05"  """, "\"hookTimeout\"")]
    [InlineData("""  "hookTimeout": "five minutes"  """, "hookTimeout")]
    [InlineData("""  "inventory": { "rot": "/" }  """, "rot")]
    [InlineData("""  "inventory": { "probes": [ { "id": "acme.db", "pattern": "(.*)" } ] }  """, "\"inventory.probes[0]\"")]
    [InlineData("""  "inventory": { "probes": [ { "id": "acme.db", "command": " ", "pattern": "(.*)" } ] }  """, "\"inventory.probes[0]\"")]
    [InlineData("""  "inventory": { "probes": [ { "id": "acme.db", "command": "db" } ] }  """, "\"inventory.probes[0]\"")]
    [InlineData("""  "inventory": { "probes": [ { "id": "Db", "command": "db", "pattern": "(.*)" } ] }  """, "\"inventory.probes[0]\"")]
    [InlineData("""  "inventory": { "probes": [ { "command": "db", "pattern": "(.*)" } ] }  """, "\"inventory.probes[0]\"")]
    [InlineData("""  "inventory": { "probes": [ { "id": "acme.db", "command": "db", "pattern": "([0-9" } ] }  """, "\"inventory.probes[0].pattern\"")]
    [InlineData("""  "inventory": { "probes": [ { "id": "acme.ok", "command": "ok", "pattern": "(.*)" }, { "id": "acme.db", "command": "db", "pattern": "(?<version" } ] }  """, "\"inventory.probes[1].pattern\"")]
    [InlineData("""  "inventory": { "probes": [ { "id": "acme.db", "command": "db", "pattern": "(.*)", "timeout": "00:00:00" } ] }  """, "\"inventory.probes[0].timeout\"")]
    [InlineData("""  "inventory": { "probes": [ { "id": "acme.db", "command": "db", "pattern": "(.*)", "timeout": "-00:00:01" } ] }  """, "\"inventory.probes[0].timeout\"")]
    [InlineData("""  "inventory": { "probes": [ { "id": "acme.db", "command": "db", "pattern": "(.*)", "timeout": "soon" } ] }  """, "timeout")]
    [InlineData("""  "inventory": { "probes": [ { "id": "acme.db", "command": "db", "pattern": "(.*)", "shell": true } ] }  """, "shell")]
    public void RefusesInvalidSettingsNamingTheKey(string json, string key)
    {
        var file = Write(json);

        var error = Assert.Throws<ConfigurationException>(() => UpdaterConfigLoader.Load(file));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainsWhatAPinMustLookLike()
    {
        var file = Write("""  "pins": { "acme.a": "[2.0.0" }  """);

        var error = Assert.Throws<ConfigurationException>(() => UpdaterConfigLoader.Load(file));

        Assert.Equal($"{file}: \"pins.acme.a\" must map a product id to a version range like [1.0.0,2.0.0).", error.Message);
    }

    [Fact]
    public void ExplainsWhyAProbePatternIsNotARegularExpression()
    {
        var file = Write("""  "inventory": { "probes": [ { "id": "acme.db", "command": "db", "pattern": "([0-9" } ] }  """);

        var error = Assert.Throws<ConfigurationException>(() => UpdaterConfigLoader.Load(file));

        Assert.StartsWith($"{file}: \"inventory.probes[0].pattern\" is not a regular expression: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsThePolicyAndTheDownloadSettings()
    {
        var settings = Load("""
            "policy": { "mode": "download-only", "deferDays": 3,
                        "maintenanceWindow": { "days": ["sat", "sunday"], "start": "02:00", "end": "05:30", "timeZone": "Europe/Vienna" } },
            "downloadAttempts": 7, "retryDelay": "00:00:05", "maxBytesPerSecond": 65536, "keepVersions": 4
            """);

        Assert.Equal("download-only", settings.Policy.Mode);
        Assert.Equal(TimeSpan.FromDays(3), settings.Policy.Deferral);
        Assert.Equal([DayOfWeek.Sunday, DayOfWeek.Saturday], settings.Policy.Window!.Days.Order());
        Assert.Equal(TimeSpan.FromMinutes(330), settings.Policy.Window.End);
        Assert.Equal("Europe/Vienna", settings.Policy.Window.TimeZone.Id);
        Assert.Equal(7, settings.DownloadAttempts);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.RetryDelay);
        Assert.Equal(65536, settings.Transport.MaxBytesPerSecond);
        Assert.Equal(4, settings.KeepVersions);
    }

    [Theory]
    [InlineData("""  "policy": { "mode": "sometimes" }  """, "policy.mode")]
    [InlineData("""  "policy": { "deferDays": -1 }  """, "policy.deferDays")]
    [InlineData("""  "policy": { "maintenanceWindow": { "start": "25:00", "end": "03:00" } }  """, "policy.maintenanceWindow.start")]
    [InlineData("""  "policy": { "maintenanceWindow": { "start": "01:00", "end": "03:00", "timeZone": "Mars/Olympus" } }  """, "policy.maintenanceWindow.timeZone")]
    [InlineData("""  "policy": { "maintenanceWindow": { "days": ["someday"], "start": "01:00", "end": "03:00" } }  """, "policy.maintenanceWindow.days")]
    [InlineData("""  "policy": { "maintenanceWindow": { "days": ["monkey"], "start": "01:00", "end": "03:00" } }  """, "policy.maintenanceWindow.days")]
    [InlineData("""  "policy": { "maintenanceWindow": { "days": ["mo"], "start": "01:00", "end": "03:00" } }  """, "policy.maintenanceWindow.days")]
    [InlineData("""  "policy": { "maintenanceWindow": { "days": [], "start": "01:00", "end": "03:00" } }  """, "policy.maintenanceWindow.days")]
    [InlineData("""  "policy": { "maintenanceWindow": { "days": ["sat", null], "start": "01:00", "end": "03:00" } }  """, "policy.maintenanceWindow.days")]
    [InlineData("""  "policy": { "maintenanceWindow": { "start": "01:00", "end": "01:00" } }  """, "policy.maintenanceWindow.end")]
    [InlineData("""  "policy": { "maintenanceWindow": { "start": "01:00" } }  """, "policy.maintenanceWindow.end")]
    [InlineData("""  "policy": { "maintenanceWindow": { "start": "1:00", "end": "03:00" } }  """, "policy.maintenanceWindow.start")]
    [InlineData("""  "policy": { "deferDays": 366 }  """, "policy.deferDays")]
    [InlineData("""  "maxBytesPerSecond": 10  """, "maxBytesPerSecond")]
    [InlineData("""  "keepVersions": -1  """, "keepVersions")]
    [InlineData("""  "downloadAttempts": 0  """, "downloadAttempts")]
    public void RefusesAnInvalidPolicyOrDownloadSettingNamingTheKey(string extra, string key)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(extra));

        Assert.Contains($"\"{key}\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsEveryDayWhenTheWindowNamesNone()
    {
        var settings = Load("""  "policy": { "maintenanceWindow": { "start": "22:00", "end": "04:00" } }  """);

        Assert.Equal(Enum.GetValues<DayOfWeek>(), settings.Policy.Window!.Days.Order());
        Assert.Equal(TimeZoneInfo.Utc.Id, settings.Policy.Window.TimeZone.Id);
    }

    private UpdaterSettings Load(string extra) => UpdaterConfigLoader.Load(Write(extra));

    private string Write(string extra) =>
        _folder.File("conf/updater.json", "{ " + Required + (extra.Trim().Length > 0 ? ", " + extra : "") + " }");
}
