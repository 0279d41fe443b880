namespace UpdateServer.Server.Data;

/// <summary>What a device reported after trying to install a release.</summary>
public sealed class ReportRecord
{
    public long Id { get; set; }

    public required string DeviceId { get; set; }

    /// <summary>The device's id for the report (<see cref="Packaging.Api.InstallReport.ReportId"/>); unique per device when present.</summary>
    public string? ReportId { get; set; }

    public required string Product { get; set; }

    public string? FromVersion { get; set; }

    public required string ToVersion { get; set; }

    /// <summary><c>succeeded</c>, <c>failed</c> or <c>rolled-back</c>.</summary>
    public required string Outcome { get; set; }

    public string? ErrorCode { get; set; }

    public string? Message { get; set; }

    public long? DurationMs { get; set; }

    /// <summary>The hooks run for the attempt (phase, exit code, timeout, duration, output tail) as a JSON array, or null.</summary>
    public string? HooksJson { get; set; }

    public DateTimeOffset ReportedAt { get; set; }
}
