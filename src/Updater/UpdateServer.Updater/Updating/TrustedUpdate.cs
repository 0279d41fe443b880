using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.Updater.Updating;

/// <summary>
/// A plan step the signed metadata confirmed: target, length, hashes and facts all from TUF. It moves
/// <see cref="ReleaseFacts.InstallsProduct"/> from <see cref="FromVersion"/> to <see cref="ReleaseFacts.InstallsVersion"/>.
/// </summary>
public sealed record TrustedUpdate(string? FromVersion, string TargetPath, TargetFile Target, ReleaseFacts Facts, string Reason);
