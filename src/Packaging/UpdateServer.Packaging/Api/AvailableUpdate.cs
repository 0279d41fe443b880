namespace UpdateServer.Packaging.Api;

/// <summary>The newest applicable release of a product, with what the updater needs to fetch and verify it.</summary>
public sealed record AvailableUpdate(
    string Product,
    string? InstalledVersion,
    string Version,
    string Kind,
    string Channel,
    bool Mandatory,
    string TargetPath,
    long Length,
    IReadOnlyDictionary<string, string> Hashes);
