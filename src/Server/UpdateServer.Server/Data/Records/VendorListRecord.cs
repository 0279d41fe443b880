namespace UpdateServer.Server.Data;

/// <summary>
/// One imported version of the vendor list (<c>vendors.json</c>). The newest row's version is the one the vendor table
/// matches; a list with a lower version is never imported again, so an old file cannot bring back a replaced API key.
/// </summary>
public sealed class VendorListRecord
{
    public long Version { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}
