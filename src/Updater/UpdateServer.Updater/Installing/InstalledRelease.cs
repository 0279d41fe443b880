namespace UpdateServer.Updater.Installing;

/// <summary>A product as installed on this machine, with the signed facts it was installed from.</summary>
public sealed record InstalledRelease(
    string Product,
    string Version,
    string Kind,
    string TargetPath,
    string Sha256,
    DateTimeOffset InstalledAt,
    string? PreviousVersion);
