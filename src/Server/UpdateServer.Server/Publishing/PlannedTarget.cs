using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.Server.Publishing;

/// <summary>
/// A target one of the vendor's roles lists after the publish, with its parsed facts; <see cref="Upload"/> is set for
/// new targets sent in this request.
/// </summary>
public sealed record PlannedTarget(string Role, string Path, TargetFile File, ReleaseFacts Facts, bool IsNew, SpooledPackage? Upload);
