using NuGet.Versioning;

namespace UpdateServer.Updater.Inventory;

/// <summary>What this machine is and has: OS, architecture, hardware IDs, installed products, probed components.</summary>
public sealed record MachineInventory(
    string Os,
    string Arch,
    OsRelease OsRelease,
    IReadOnlyList<string> HardwareIds,
    IReadOnlyDictionary<string, NuGetVersion> Installed,
    IReadOnlyDictionary<string, NuGetVersion> Components,
    IReadOnlyList<ProbeResult> Probes);
