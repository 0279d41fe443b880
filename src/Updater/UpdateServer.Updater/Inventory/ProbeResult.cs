namespace UpdateServer.Updater.Inventory;

/// <summary>What one component probe found: the version, or why it found none.</summary>
public sealed record ProbeResult(string Id, string? Version, string? Problem);
