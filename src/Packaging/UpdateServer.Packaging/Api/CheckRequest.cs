namespace UpdateServer.Packaging.Api;

/// <summary>What a device sends to <c>POST /api/v1/check</c>: who it is, where it runs, and what it has.</summary>
public sealed record CheckRequest
{
    /// <summary>A stable id for the machine (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>; at most 128).</summary>
    public string? DeviceId { get; init; }

    /// <summary>The channel the device follows; <c>stable</c> when omitted.</summary>
    public string? Channel { get; init; }

    /// <summary>Operating system, e.g. <c>linux</c>.</summary>
    public string? Os { get; init; }

    /// <summary>CPU architecture, e.g. <c>x64</c>.</summary>
    public string? Arch { get; init; }

    /// <summary>The products the device manages, with the installed version or null when not installed yet.</summary>
    public IReadOnlyList<InstalledProduct>? Products { get; init; }
}
