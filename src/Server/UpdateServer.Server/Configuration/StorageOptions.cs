using System.ComponentModel.DataAnnotations;

namespace UpdateServer.Server.Configuration;

/// <summary>Where the embedded defaults keep their data. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Storage:DataDirectory</c>: holds the SQLite database, blobs and upload spool. Created if missing.</summary>
    [Required(ErrorMessage = "Storage:DataDirectory must name a folder for the database and blobs.")]
    public string DataDirectory { get; set; } = ".data";

    /// <summary><c>Storage:ConnectionString</c>: the SQLite connection string; defaults to a file in the data directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>Storage:BlobDirectory</c>: the filesystem blob store's root; defaults to <c>blobs</c> in the data directory.</summary>
    public string? BlobDirectory { get; set; }

    public string ResolveConnectionString() =>
        ConnectionString ?? $"Data Source={Path.Combine(Path.GetFullPath(DataDirectory), "updateserver.db")}";

    public string ResolveBlobDirectory() => BlobDirectory ?? Path.Combine(Path.GetFullPath(DataDirectory), "blobs");

    public string SpoolDirectory => Path.Combine(Path.GetFullPath(DataDirectory), "spool");
}
