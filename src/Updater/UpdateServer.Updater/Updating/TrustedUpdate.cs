using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.Updater.Updating;

/// <summary>An update the server advised and the signed metadata confirmed: target, length, hashes and facts all from TUF.</summary>
public sealed record TrustedUpdate(string? InstalledVersion, string TargetPath, TargetFile Target, ReleaseFacts Facts);
