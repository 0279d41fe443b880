namespace UpdateServer.Packaging.Api;

/// <summary>A product a device manages: its id and the installed SemVer version (null when not installed yet).</summary>
public sealed record InstalledProduct(string? Id, string? InstalledVersion);
