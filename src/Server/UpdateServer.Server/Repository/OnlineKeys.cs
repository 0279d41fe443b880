using Microsoft.Extensions.Options;
using UpdateServer.Packaging.Repository;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Server.Configuration;

namespace UpdateServer.Server.Repository;

/// <summary>The snapshot and timestamp keys the server signs with, read once from the repository folder.</summary>
public sealed class OnlineKeys
{
    public OnlineKeys(IOptions<RepositoryOptions> options)
    {
        var directory = options.Value.Directory;
        Snapshot = Load(Path.Combine(directory, ServerRepositoryFiles.SnapshotKey));
        Timestamp = Load(Path.Combine(directory, ServerRepositoryFiles.TimestampKey));
    }

    public SigningKey Snapshot { get; }

    public SigningKey Timestamp { get; }

    private static SigningKey Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Online key {path} is missing (Repository:Directory should be the server folder 'upkg repo init' wrote).");
        }

        try
        {
            return SigningKey.FromPem(File.ReadAllText(path));
        }
        catch (KeyFormatException e)
        {
            throw new InvalidOperationException($"Online key {path} cannot be read: {e.Message}", e);
        }
    }
}
