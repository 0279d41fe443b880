namespace UpdateServer.Packaging.Bundles;

/// <summary>Caps a reader puts on a bundle, which is hostile until verified; defaults suit a site visit with a few releases.</summary>
public sealed record BundleLimits
{
    /// <summary>Most tar entries (metadata files, targets and the index).</summary>
    public int MaxEntries { get; init; } = 2048;

    /// <summary>Most bytes of one metadata file or the index.</summary>
    public long MaxMetadataBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Most bytes of one target.</summary>
    public long MaxTargetBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Most bytes extracted in all.</summary>
    public long MaxTotalBytes { get; init; } = 16L * 1024 * 1024 * 1024;

    /// <summary>Most target paths the index may name.</summary>
    public int MaxReleases { get; init; } = 512;
}
