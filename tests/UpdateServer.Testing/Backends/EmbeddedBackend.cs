using Microsoft.EntityFrameworkCore;
using UpdateServer.Server.Data;
using UpdateServer.Server.Data.Sqlite;

namespace UpdateServer.Testing.Backends;

/// <summary>The embedded default: SQLite and blob files in the server's data folder, which the server creates.</summary>
public sealed class EmbeddedBackend(string dataDirectory) : TestBackend
{
    private string BlobDirectory => Path.Combine(dataDirectory, "blobs");

    public override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public override UpdateServerDbContext OpenDatabase() => new SqliteUpdateServerDbContext(new DbContextOptionsBuilder<SqliteUpdateServerDbContext>()
        .UseSqlite($"Data Source={Path.Combine(dataDirectory, "updateserver.db")}").Options);

    /// <summary>Complete blobs only: not the temporary files a store being written holds.</summary>
    public override Task<int> CountBlobsAsync(CancellationToken cancellationToken) => Task.FromResult(Directory.Exists(BlobDirectory)
        ? Directory.GetFiles(BlobDirectory, "*", SearchOption.AllDirectories).Count(f => !f.EndsWith(".tmp", StringComparison.Ordinal))
        : 0);

    public override Task<byte[]> ReadBlobAsync(string key, CancellationToken cancellationToken) =>
        File.ReadAllBytesAsync(Path.Combine(BlobDirectory, key), cancellationToken);

    public override Task OverwriteBlobAsync(string key, byte[] bytes, CancellationToken cancellationToken) =>
        File.WriteAllBytesAsync(Path.Combine(BlobDirectory, key), bytes, cancellationToken);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
