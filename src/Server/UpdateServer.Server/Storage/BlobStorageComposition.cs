using UpdateServer.Server.Configuration;
using UpdateServer.Server.Storage.AzureBlob;
using UpdateServer.Server.Storage.FileSystem;

namespace UpdateServer.Server.Storage;

/// <summary>Registers the <see cref="IBlobStore"/> <c>Storage:BlobStore</c> names.</summary>
public static class BlobStorageComposition
{
    public static IServiceCollection AddUpdateServerBlobStorage(this IServiceCollection services, StorageOptions storage, AzureBlobOptions azure)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return storage.BlobStore switch
        {
            BlobStoreProvider.FileSystem => services.AddFileSystemStorage(storage),
            BlobStoreProvider.AzureBlob => services.AddAzureBlobStorage(azure),
            _ => throw new InvalidOperationException($"Storage:BlobStore \"{storage.BlobStore}\" is not one of FileSystem, AzureBlob."),
        };
    }
}
