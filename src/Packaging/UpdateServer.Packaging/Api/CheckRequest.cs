namespace UpdateServer.Packaging.Api;

/// <summary>What a device sends to <c>POST /api/v1/check</c>: who it is, where it runs, what it has and what it wants.</summary>
public sealed record CheckRequest
{
    /// <summary>A stable id for the machine (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>; at most 128).</summary>
    public string? DeviceId { get; init; }

    /// <summary>The channel the device follows; <c>stable</c> when omitted.</summary>
    public string? Channel { get; init; }

    /// <summary>True for a machine in the test ring: releases in state <c>testing</c> are offered to it.</summary>
    public bool TestRing { get; init; }

    /// <summary>Operating system, e.g. <c>linux</c>.</summary>
    public string? Os { get; init; }

    /// <summary>CPU architecture, e.g. <c>x64</c>.</summary>
    public string? Arch { get; init; }

    /// <summary>The products the device manages, with the installed version (null when not installed yet) and an optional pin.</summary>
    public IReadOnlyList<InstalledProduct>? Products { get; init; }

    /// <summary>Pins for products the device does not list (e.g. a library a listed product requires): id → version range.</summary>
    public IReadOnlyDictionary<string, string>? Pins { get; init; }

    /// <summary>The vendors whose drivers the device takes; the vendors of the listed products when omitted.</summary>
    public IReadOnlyList<string>? DriverVendors { get; init; }

    /// <summary>Hardware IDs the device reports: Linux modaliases, Windows IDs in Windows' order.</summary>
    public IReadOnlyList<string>? HardwareIds { get; init; }

    /// <summary>Third-party components found by the device's probes (OS, database, middleware) with their versions.</summary>
    public IReadOnlyList<ComponentVersion>? Components { get; init; }

    /// <summary>The updater's own product id, planned last.</summary>
    public string? UpdaterProduct { get; init; }
}
