using System.Text.Json.Serialization;

namespace UpdateServer.Updater.Configuration;

/// <summary>The <c>inventory</c> section of the configuration.</summary>
public sealed record InventoryConfig
{
    /// <summary>Where <c>/etc/os-release</c> and <c>/sys/bus/*/devices</c> are read from; <c>/</c> by default (tests point it at a fake tree).</summary>
    [JsonPropertyName("root")]
    public string? Root { get; init; }

    /// <summary>Commands that report the version of third-party components (database, middleware).</summary>
    [JsonPropertyName("probes")]
    public IReadOnlyList<ComponentProbeConfig>? Probes { get; init; }
}
