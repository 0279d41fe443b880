namespace UpdateServer.Server.Data;

/// <summary>A vendor allowed to publish into its delegated namespace <c>&lt;name&gt;/*</c>.</summary>
public sealed class VendorRecord
{
    public required string Name { get; set; }

    /// <summary>Hex SHA-256 of the vendor's API key; the key itself is never stored.</summary>
    public required string ApiKeySha256 { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
