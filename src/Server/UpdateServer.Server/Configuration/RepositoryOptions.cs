using System.ComponentModel.DataAnnotations;

namespace UpdateServer.Server.Configuration;

/// <summary>The TUF repository the server runs. Section <c>Repository</c>.</summary>
public sealed class RepositoryOptions
{
    public const string Section = "Repository";

    /// <summary>
    /// <c>Repository:Directory</c>: the server folder written by <c>upkg repo init</c> — <c>root.json</c>,
    /// <c>targets.json</c>, <c>vendors.json</c> and the online <c>snapshot.key</c> and <c>timestamp.key</c>.
    /// </summary>
    [Required(ErrorMessage = "Repository:Directory must name the folder written by 'upkg repo init' (its server/ folder).")]
    public string Directory { get; set; } = string.Empty;

    /// <summary><c>Repository:TimestampLifetime</c>: how long a signed timestamp stays valid (default 1 day).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00", ErrorMessage = "Repository:TimestampLifetime must be between 1 minute and 365 days.")]
    public TimeSpan TimestampLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary><c>Repository:SnapshotLifetime</c>: how long a signed snapshot stays valid (default 7 days).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00", ErrorMessage = "Repository:SnapshotLifetime must be between 1 minute and 365 days.")]
    public TimeSpan SnapshotLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary><c>Repository:RefreshInterval</c>: how often expiry of the online metadata is checked (default 10 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Repository:RefreshInterval must be between 1 second and 1 day.")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary><c>Repository:MaxPackageBytes</c>: the largest package accepted by publish (default 4 GiB).</summary>
    [Range(1L, long.MaxValue, ErrorMessage = "Repository:MaxPackageBytes must be positive.")]
    public long MaxPackageBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary><c>Repository:MaxMetadataBytes</c>: the largest delegated metadata file accepted by publish (default 16 MiB).</summary>
    [Range(1L, 1L << 30, ErrorMessage = "Repository:MaxMetadataBytes must be between 1 byte and 1 GiB.")]
    public long MaxMetadataBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary><c>Repository:MaxUnpackedBytes</c>: the largest total of file sizes a package may declare (default 64 GiB).</summary>
    [Range(1L, long.MaxValue, ErrorMessage = "Repository:MaxUnpackedBytes must be positive.")]
    public long MaxUnpackedBytes { get; set; } = 64L * 1024 * 1024 * 1024;

    /// <summary>
    /// <c>Repository:DownloadChunkBytes</c>: how much of a target is read from the blob store per step of a download
    /// (default 1 MiB). Each download in flight holds up to this much memory; smaller chunks cost throughput.
    /// </summary>
    [Range(16 * 1024, 16 * 1024 * 1024, ErrorMessage = "Repository:DownloadChunkBytes must be between 16 KiB and 16 MiB.")]
    public int DownloadChunkBytes { get; set; } = 1024 * 1024;

    /// <summary><c>Repository:MaxReportsPerMinute</c>: install reports accepted per client address per minute (default 120).</summary>
    [Range(1, 1_000_000, ErrorMessage = "Repository:MaxReportsPerMinute must be between 1 and 1000000.")]
    public int MaxReportsPerMinute { get; set; } = 120;
}
