namespace UpdateServer.Packaging.Catalog;

/// <summary>A published release: its signed facts and where its bytes are (TUF target path, length, SHA-256).</summary>
public sealed record CatalogRelease(string TargetPath, long Length, string Sha256, ReleaseFacts Facts);
