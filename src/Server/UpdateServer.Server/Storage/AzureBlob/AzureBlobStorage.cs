using Azure.Storage.Blobs;
using UpdateServer.Server.Configuration;

namespace UpdateServer.Server.Storage.AzureBlob;

/// <summary>Registers <see cref="AzureBlobStore"/> on the container section <c>Storage:AzureBlob</c> names.</summary>
public static class AzureBlobStorage
{
    public static IServiceCollection AddAzureBlobStorage(this IServiceCollection services, AzureBlobOptions azure)
    {
        ArgumentNullException.ThrowIfNull(azure);
        if (string.IsNullOrWhiteSpace(azure.ConnectionString))
        {
            throw new InvalidOperationException("Storage:AzureBlob:ConnectionString is required when Storage:BlobStore is AzureBlob.");
        }

        var container = new BlobContainerClient(azure.ConnectionString, azure.Container);
        return services.AddSingleton<IBlobStore>(new AzureBlobStore(container));
    }
}
