namespace UpdateServer.Server.Data;

/// <summary>A device whose last check found it affected by a bulletin (one row per bulletin and device).</summary>
public sealed class BulletinDeviceRecord
{
    public long Id { get; set; }

    public required string BulletinId { get; set; }

    public required string DeviceId { get; set; }

    public DateTimeOffset SeenAt { get; set; }
}
