using System.Text.Json.Serialization;

namespace UpdateServer.Updater.Configuration;

/// <summary>The <c>policy</c> object of the configuration file.</summary>
public sealed record PolicyConfig
{
    /// <summary><c>auto</c> (default), <c>download-only</c> or <c>notify</c>.</summary>
    [JsonPropertyName("mode")]
    public string? Mode { get; init; }

    [JsonPropertyName("maintenanceWindow")]
    public MaintenanceWindowConfig? MaintenanceWindow { get; init; }

    /// <summary>Days a non-mandatory update waits after this machine first saw it (default 0).</summary>
    [JsonPropertyName("deferDays")]
    public int? DeferDays { get; init; }
}
