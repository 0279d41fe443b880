using System.ComponentModel.DataAnnotations;

namespace UpdateServer.Server.Configuration;

/// <summary>
/// Where the server keeps its data: which database and which blob store, and the local folder every instance has (the
/// upload spool, and the embedded defaults' files). Section <c>Storage</c>.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Storage:DataDirectory</c>: holds the upload spool and, by default, the SQLite database and blobs. Created if missing.</summary>
    [Required(ErrorMessage = "Storage:DataDirectory must name a folder for the upload spool (and the embedded database and blobs).")]
    public string DataDirectory { get; set; } = ".data";

    /// <summary><c>Storage:Database</c>: <c>Sqlite</c> (default, embedded) or <c>PostgreSql</c> (shared by several instances).</summary>
    public DatabaseProvider Database { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// <c>Storage:ConnectionString</c>: the database connection string; for SQLite it defaults to a file in the data
    /// directory, for PostgreSQL it is required (an Npgsql connection string).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>Storage:BlobStore</c>: <c>FileSystem</c> (default) or <c>AzureBlob</c> (section <c>Storage:AzureBlob</c>).</summary>
    public BlobStoreProvider BlobStore { get; set; } = BlobStoreProvider.FileSystem;

    /// <summary><c>Storage:BlobDirectory</c>: the filesystem blob store's root; defaults to <c>blobs</c> in the data directory.</summary>
    public string? BlobDirectory { get; set; }

    public string ResolveConnectionString() => Database switch
    {
        DatabaseProvider.Sqlite => ConnectionString ?? $"Data Source={Path.Combine(Path.GetFullPath(DataDirectory), "updateserver.db")}",
        _ => string.IsNullOrWhiteSpace(ConnectionString)
            ? throw new InvalidOperationException("Storage:ConnectionString must be an Npgsql connection string when Storage:Database is PostgreSql.")
            : ConnectionString,
    };

    public string ResolveBlobDirectory() => BlobDirectory ?? Path.Combine(Path.GetFullPath(DataDirectory), "blobs");

    public string SpoolDirectory => Path.Combine(Path.GetFullPath(DataDirectory), "spool");
}
