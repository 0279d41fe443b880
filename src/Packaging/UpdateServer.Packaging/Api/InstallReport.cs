namespace UpdateServer.Packaging.Api;

/// <summary>What a device sends to <c>POST /api/v1/reports</c> after an install attempt.</summary>
public sealed record InstallReport
{
    /// <summary>
    /// Chosen by the device when it queues the report (8–64 letters, digits and '-'). A report sent again under the
    /// same id — its reply was lost, or the device was killed before it could forget the report — is recorded once.
    /// </summary>
    public string? ReportId { get; init; }

    public string? DeviceId { get; init; }

    public string? Product { get; init; }

    public string? FromVersion { get; init; }

    public string? ToVersion { get; init; }

    /// <summary><c>succeeded</c>, <c>failed</c> or <c>rolled-back</c>.</summary>
    public string? Outcome { get; init; }

    /// <summary>A stable code for failures, e.g. <c>hash-mismatch</c>, <c>health-check-failed</c>.</summary>
    public string? ErrorCode { get; init; }

    public string? Message { get; init; }

    public long? DurationMs { get; init; }

    /// <summary>The hooks run for this attempt, in the order they ran.</summary>
    public IReadOnlyList<HookReport>? Hooks { get; init; }
}
