namespace UpdateServer.Upkg.Bundle;

/// <summary>What <c>upkg bundle</c> wrote: the file, its releases (target paths), the metadata files and the size.</summary>
public sealed record BundleResult(string Bundle, IReadOnlyList<string> Targets, IReadOnlyList<string> Metadata, long Size, string Sha256);
