namespace UpdateServer.Server.Data;

/// <summary>A release that fixes a bulletin; <see cref="TargetPath"/> names the published package when there is one.</summary>
public sealed class BulletinFixRecord
{
    public long Id { get; set; }

    public required string BulletinId { get; set; }

    public required string Product { get; set; }

    public required string Version { get; set; }

    public string? TargetPath { get; set; }
}
