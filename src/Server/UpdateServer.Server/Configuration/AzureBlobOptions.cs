namespace UpdateServer.Server.Configuration;

/// <summary>The Azure Blob Storage container used when <c>Storage:BlobStore</c> is <c>AzureBlob</c>. Section <c>Storage:AzureBlob</c>.</summary>
public sealed class AzureBlobOptions
{
    public const string Section = "Storage:AzureBlob";

    /// <summary><c>Storage:AzureBlob:ConnectionString</c>: the storage account's connection string (Azurite's works too).</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>Storage:AzureBlob:Container</c>: the container holding the blobs; created at start if missing (default <c>updateserver</c>).</summary>
    public string Container { get; set; } = "updateserver";
}
