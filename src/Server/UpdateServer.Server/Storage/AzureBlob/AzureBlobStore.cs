using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace UpdateServer.Server.Storage.AzureBlob;

/// <summary>
/// Blobs in one Azure Blob Storage container, named by their keys. Uploads go in blocks committed at the end, so a reader
/// sees nothing or the whole blob; reads stream straight from the service (<see cref="AzureBlobReadStream"/>, or one
/// range download when the length is known), never buffering a whole blob. The container is created when the first upload finds it missing.
/// </summary>
public sealed class AzureBlobStore(BlobContainerClient container) : IBlobStore
{
    /// <summary>Block size of uploads: the most an upload holds in memory per concurrent block.</summary>
    private const int BlockBytes = 4 * 1024 * 1024;

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(Checked(key));
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            return new AzureBlobReadStream(blob, properties.Value.ContentLength, properties.Value.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<Stream?> OpenRangeAsync(string key, long offset, long length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var blob = container.GetBlobClient(Checked(key));
        if (length == 0)
        {
            // The service has no empty range to ask for.
            return await blob.ExistsAsync(cancellationToken) ? Stream.Null : null;
        }

        try
        {
            var download = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(offset, length) }, cancellationToken);
            return download.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var blob = container.GetBlobClient(Checked(key));
        if (await blob.ExistsAsync(cancellationToken))
        {
            return;
        }

        var start = content.CanSeek ? content.Position : 0;
        try
        {
            await UploadAsync(blob, content, cancellationToken);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound && content.CanSeek)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            content.Position = start;
            await UploadAsync(blob, content, cancellationToken);
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) =>
        await container.GetBlobClient(Checked(key)).ExistsAsync(cancellationToken);

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await container.GetBlobClient(Checked(key)).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    private static async Task UploadAsync(BlobClient blob, Stream content, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(content, new BlobUploadOptions
            {
                // Only if absent: another instance storing the same content address at the same time stores the same bytes.
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                TransferOptions = new StorageTransferOptions { InitialTransferSize = BlockBytes, MaximumTransferSize = BlockBytes, MaximumConcurrency = 2 },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobAlreadyExists || e.Status == 412)
        {
            // Stored meanwhile by someone else: content addresses make it the same bytes.
        }
    }

    private static string Checked(string key) =>
        BlobKeys.IsValid(key) ? key : throw new ArgumentException($"Invalid blob key \"{key}\".", nameof(key));
}
