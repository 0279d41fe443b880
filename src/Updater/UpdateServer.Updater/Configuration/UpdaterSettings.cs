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

    /// <summary>Repository base URLs in priority order; the server alone unless mirrors are configured.</summary>
    public IReadOnlyList<Uri> Mirrors { get; init; } = [ServerUrl];

    public string MetadataDirectory => Path.Combine(DataDirectory, "metadata");

    public string DownloadDirectory => Path.Combine(DataDirectory, "downloads");

    public string StateFile => Path.Combine(DataDirectory, "state.json");

    public string LockFile => Path.Combine(DataDirectory, "updater.lock");

    public static Uri MetadataUrl(Uri mirror) => new(mirror, "tuf/metadata/");

    public static Uri TargetsUrl(Uri mirror) => new(mirror, "tuf/targets/");
}
