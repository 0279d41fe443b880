namespace UpdateServer.Server.Publishing;

/// <summary>A received publish request: the newly signed metadata by role and the spooled packages. Disposing deletes the spool files.</summary>
public sealed class PublishUpload : IDisposable
{
    /// <summary>Metadata files by role name: the vendor role and any sub-roles (hashed bins).</summary>
    public required IReadOnlyDictionary<string, byte[]> Metadata { get; init; }

    public required IReadOnlyList<SpooledPackage> Packages { get; init; }

    public void Dispose()
    {
        foreach (var package in Packages)
        {
            File.Delete(package.Path);
        }
    }
}
