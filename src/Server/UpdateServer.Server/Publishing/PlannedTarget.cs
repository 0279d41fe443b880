using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.Server.Publishing;

/// <summary>A target of the vendor's new metadata with its parsed facts; <see cref="Upload"/> is set for new targets sent in this request.</summary>
public sealed record PlannedTarget(string Path, TargetFile File, ReleaseFacts Facts, bool IsNew, SpooledPackage? Upload);
