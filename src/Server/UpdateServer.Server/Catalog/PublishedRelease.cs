using UpdateServer.Packaging.Catalog;

namespace UpdateServer.Server.Catalog;

/// <summary>A release as the check API and the target endpoint see it: its signed facts and where its bytes are.</summary>
public sealed record PublishedRelease(string Vendor, string TargetPath, ReleaseFacts Facts, long Length, string Sha256);
