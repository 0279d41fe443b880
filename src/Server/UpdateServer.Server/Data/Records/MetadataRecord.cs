namespace UpdateServer.Server.Data;

/// <summary>
/// One version of one role's signed metadata, stored as the exact bytes served. (Role, Version) is unique, which
/// is what serializes snapshot and timestamp signing across server instances: a second writer of the same
/// version fails at commit and retries on top of the winner.
/// </summary>
public sealed class MetadataRecord
{
    public long Id { get; set; }

    public required string Role { get; set; }

    public long Version { get; set; }

    public required byte[] Content { get; set; }

    public required string Sha256 { get; set; }

    public long Length { get; set; }

    public DateTimeOffset Expires { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
