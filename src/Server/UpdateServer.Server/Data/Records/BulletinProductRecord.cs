namespace UpdateServer.Server.Data;

/// <summary>A product or component the current revision of a bulletin names, with the affected version range.</summary>
public sealed class BulletinProductRecord
{
    public long Id { get; set; }

    public required string BulletinId { get; set; }

    public required string Product { get; set; }

    /// <summary>NuGet range syntax, e.g. <c>[1.0.0, 2.1.0)</c>.</summary>
    public required string Versions { get; set; }

    /// <summary>True for third-party components (OS, database, middleware) found by the updater's probes.</summary>
    public bool IsComponent { get; set; }
}
