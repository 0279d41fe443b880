using System.Text.Json.Serialization;

namespace UpdateServer.Updater.Configuration;

/// <summary>
/// One component probe: run <see cref="Command"/> with <see cref="Arguments"/> (no shell), and take the version from
/// the first match of <see cref="Pattern"/> in its output (named group <c>version</c>, else group 1).
/// </summary>
public sealed record ComponentProbeConfig
{
    /// <summary>The component id, like a product id: <c>postgres.server</c>.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("command")]
    public string? Command { get; init; }

    [JsonPropertyName("arguments")]
    public IReadOnlyList<string>? Arguments { get; init; }

    /// <summary>A regular expression, e.g. <c>PostgreSQL\) (?&lt;version&gt;[0-9.]+)</c>.</summary>
    [JsonPropertyName("pattern")]
    public string? Pattern { get; init; }

    /// <summary>Longest the command may run (default 10 s).</summary>
    [JsonPropertyName("timeout")]
    public TimeSpan? Timeout { get; init; }
}
