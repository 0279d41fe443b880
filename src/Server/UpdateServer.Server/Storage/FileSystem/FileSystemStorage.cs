using UpdateServer.Server.Configuration;

namespace UpdateServer.Server.Storage.FileSystem;

/// <summary>Registers <see cref="FileSystemBlobStore"/> under <c>Storage:BlobDirectory</c> (default <c>blobs/</c> in the data directory).</summary>
public static class FileSystemStorage
{
    public static IServiceCollection AddFileSystemStorage(this IServiceCollection services, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var root = storage.ResolveBlobDirectory();
        return services.AddSingleton<IBlobStore>(_ => new FileSystemBlobStore(root));
    }
}
