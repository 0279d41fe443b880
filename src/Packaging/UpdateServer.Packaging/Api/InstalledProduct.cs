namespace UpdateServer.Packaging.Api;

/// <summary>
/// A product a device manages: its id, the installed SemVer version (null when not installed yet), and an optional
/// pin — a version range (<c>[1.0.0,2.0.0)</c>) the product is held to.
/// </summary>
public sealed record InstalledProduct(string? Id, string? InstalledVersion, string? Pin = null);
