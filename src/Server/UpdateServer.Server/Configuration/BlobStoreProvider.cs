namespace UpdateServer.Server.Configuration;

/// <summary>Where package bytes are kept (<c>Storage:BlobStore</c>).</summary>
public enum BlobStoreProvider
{
    /// <summary>Files under <c>Storage:BlobDirectory</c>.</summary>
    FileSystem,

    /// <summary>A container in Azure Blob Storage (section <c>Storage:AzureBlob</c>).</summary>
    AzureBlob,
}
