using System.Text.Json.Serialization;

namespace UpdateServer.Updater.Configuration;

/// <summary>
/// The updater's configuration file (JSON). Relative paths are resolved against the file's folder.
/// </summary>
public sealed record UpdaterConfig
{
    /// <summary>Base URL of the update server, e.g. <c>https://updates.example.org/</c>.</summary>
    [JsonPropertyName("serverUrl")]
    public string? ServerUrl { get; init; }

    /// <summary>
    /// Base URLs serving the TUF repository (each with <c>tuf/metadata/</c> and <c>tuf/targets/</c>), in priority
    /// order; every file is tried from one after another until a copy verifies. Default: the server alone.
    /// </summary>
    [JsonPropertyName("mirrors")]
    public IReadOnlyList<string>? Mirrors { get; init; }

    /// <summary>Where the updater keeps trusted metadata, downloads and its install state.</summary>
    [JsonPropertyName("dataDirectory")]
    public string? DataDirectory { get; init; }

    /// <summary>Where products are installed: <c>&lt;installRoot&gt;/&lt;product&gt;/versions/&lt;version&gt;/</c> and a <c>current</c> link.</summary>
    [JsonPropertyName("installRoot")]
    public string? InstallRoot { get; init; }

    /// <summary>The trusted root.json shipped with the machine; copied into the metadata folder on first use.</summary>
    [JsonPropertyName("trustedRoot")]
    public string? TrustedRoot { get; init; }

    /// <summary>The channel this machine follows (default <c>stable</c>).</summary>
    [JsonPropertyName("channel")]
    public string? Channel { get; init; }

    /// <summary>A stable id for this machine (default: the host name).</summary>
    [JsonPropertyName("deviceId")]
    public string? DeviceId { get; init; }

    /// <summary>The products this machine manages.</summary>
    [JsonPropertyName("products")]
    public IReadOnlyList<string>? Products { get; init; }

    /// <summary>Overrides the detected operating system (<c>linux</c>, <c>windows</c>).</summary>
    [JsonPropertyName("os")]
    public string? Os { get; init; }

    /// <summary>Overrides the detected architecture (<c>x64</c>, <c>arm64</c>).</summary>
    [JsonPropertyName("arch")]
    public string? Arch { get; init; }

    /// <summary>Longest wait for a response or a whole metadata file (default 30 s).</summary>
    [JsonPropertyName("requestTimeout")]
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>Longest a download may go without receiving a byte (default 20 s).</summary>
    [JsonPropertyName("stallTimeout")]
    public TimeSpan? StallTimeout { get; init; }

    /// <summary>Below this average rate a download is abandoned (default 1024 bytes/s): the slow-retrieval defence.</summary>
    [JsonPropertyName("minimumBytesPerSecond")]
    public long? MinimumBytesPerSecond { get; init; }

    /// <summary>True when this machine is in the test ring (takes releases in state <c>testing</c>).</summary>
    [JsonPropertyName("testRing")]
    public bool? TestRing { get; init; }

    /// <summary>Products held to a version range, e.g. <c>{"acme.culture-platform": "[1.0.0,2.0.0)"}</c>.</summary>
    [JsonPropertyName("pins")]
    public IReadOnlyDictionary<string, string>? Pins { get; init; }

    /// <summary>The updater's own product id: its releases update this updater and are always installed last.</summary>
    [JsonPropertyName("updaterProduct")]
    public string? UpdaterProduct { get; init; }

    /// <summary>
    /// The vendors whose drivers this machine takes, e.g. <c>["acme"]</c>; by default the vendors of its products. A
    /// driver from any other vendor is never installed, however well it matches the hardware.
    /// </summary>
    [JsonPropertyName("driverVendors")]
    public IReadOnlyList<string>? DriverVendors { get; init; }

    /// <summary>What the inventory reads: the file system root (for tests, a fake one) and the component probes.</summary>
    [JsonPropertyName("inventory")]
    public InventoryConfig? Inventory { get; init; }

    /// <summary>Longest any install hook may run (default 5 minutes).</summary>
    [JsonPropertyName("hookTimeout")]
    public TimeSpan? HookTimeout { get; init; }
}
