namespace UpdateServer.Server.Publishing;

/// <summary>A received publish request: the vendor's new metadata and the spooled packages. Disposing deletes the spool files.</summary>
public sealed class PublishUpload : IDisposable
{
    public required byte[] Metadata { get; init; }

    public required IReadOnlyList<SpooledPackage> Packages { get; init; }

    public void Dispose()
    {
        foreach (var package in Packages)
        {
            File.Delete(package.Path);
        }
    }
}
