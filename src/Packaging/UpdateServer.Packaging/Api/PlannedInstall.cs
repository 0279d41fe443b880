namespace UpdateServer.Packaging.Api;

/// <summary>
/// One step of the install plan: the release to install (its target, length and hashes), which product's version it
/// moves from what to what (an upgrade package moves another product), and why.
/// </summary>
public sealed record PlannedInstall(
    string Product,
    string Version,
    string Kind,
    string Channel,
    bool Mandatory,
    string InstallsProduct,
    string? FromVersion,
    string ToVersion,
    string TargetPath,
    long Length,
    IReadOnlyDictionary<string, string> Hashes,
    string Reason);
