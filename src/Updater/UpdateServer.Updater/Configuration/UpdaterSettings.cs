using UpdateServer.Packaging.Trust.Client;

namespace UpdateServer.Updater.Configuration;

/// <summary>A validated configuration with every path absolute and every default applied.</summary>
public sealed record UpdaterSettings(
    Uri ServerUrl,
    string DataDirectory,
    string InstallRoot,
    string TrustedRoot,
    string Channel,
    string DeviceId,
    IReadOnlyList<string> Products,
    string Os,
    string Arch)
{
    /// <summary>Timeouts and the minimum transfer rate for every download.</summary>
    public TransportLimits Transport { get; init; } = new();

    public bool TestRing { get; init; }

    public IReadOnlyDictionary<string, NuGet.Versioning.VersionRange> Pins { get; init; } = new Dictionary<string, NuGet.Versioning.VersionRange>();

    public string? UpdaterProduct { get; init; }

    /// <summary>The vendors whose drivers this machine takes; null for the vendors of its products.</summary>
    public IReadOnlySet<string>? DriverVendors { get; init; }

    /// <summary>Where the inventory reads the OS and the hardware from (<c>/</c> on a real machine).</summary>
    public string InventoryRoot { get; init; } = "/";

    public IReadOnlyList<ComponentProbe> Probes { get; init; } = [];

    public TimeSpan HookTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public Policies.UpdatePolicy Policy { get; init; } = Policies.UpdatePolicy.Default;

    /// <summary>How often the daemon checks, before jitter.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Attempts per download when the transfer breaks off.</summary>
    public int DownloadAttempts { get; init; } = 5;

    /// <summary>The wait before the first retry, doubled for each next one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Versions kept besides the current one, for <c>updater rollback</c>.</summary>
    public int KeepVersions { get; init; } = 2;

    /// <summary>Repository base URLs in priority order; the server alone unless mirrors are configured.</summary>
    public IReadOnlyList<Uri> Mirrors { get; init; } = [ServerUrl];

    public string MetadataDirectory => Path.Combine(DataDirectory, "metadata");

    public string DownloadDirectory => Path.Combine(DataDirectory, "downloads");

    /// <summary>Verified bulletin documents, named by their SHA-256.</summary>
    public string BulletinDirectory => Path.Combine(DataDirectory, "bulletins");

    public string StateFile => Path.Combine(DataDirectory, "state.json");

    public string ReportQueueDirectory => Path.Combine(DataDirectory, "reports");

    /// <summary>Most reports kept while the server cannot be reached; the oldest are dropped beyond it.</summary>
    public int MaxQueuedReports { get; init; } = 1000;

    public string LockFile => Path.Combine(DataDirectory, "updater.lock");
}
