namespace UpdateServer.Server.Data;

/// <summary>One published revision of a bulletin: its target and the signed document, kept forever.</summary>
public sealed class BulletinRevisionRecord
{
    public long Id { get; set; }

    public required string BulletinId { get; set; }

    public required string Vendor { get; set; }

    public int Revision { get; set; }

    public required string TargetPath { get; set; }

    public long Length { get; set; }

    public required string Sha256 { get; set; }

    /// <summary>The document's bytes as UTF-8 text, exactly as signed.</summary>
    public required string Document { get; set; }

    public DateTimeOffset PublishedAt { get; set; }
}
