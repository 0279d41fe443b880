using System.Text.Json.Serialization;

namespace UpdateServer.Updater.Configuration;

/// <summary><c>policy.maintenanceWindow</c>: <c>{"days": ["sat","sun"], "start": "02:00", "end": "05:00", "timeZone": "Europe/Vienna"}</c>.</summary>
public sealed record MaintenanceWindowConfig
{
    [JsonPropertyName("days")]
    public IReadOnlyList<string>? Days { get; init; }

    [JsonPropertyName("start")]
    public string? Start { get; init; }

    [JsonPropertyName("end")]
    public string? End { get; init; }

    /// <summary>An IANA time zone id such as <c>Europe/Vienna</c> (default <c>UTC</c>).</summary>
    [JsonPropertyName("timeZone")]
    public string? TimeZone { get; init; }
}
