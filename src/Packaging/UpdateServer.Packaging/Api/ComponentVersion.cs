namespace UpdateServer.Packaging.Api;

/// <summary>A third-party component a probe found on the device (e.g. <c>postgres.server</c> 15.2).</summary>
public sealed record ComponentVersion(string? Id, string? Version);
