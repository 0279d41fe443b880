namespace UpdateServer.Packaging.Trust.Client;

/// <summary>A target found by the delegation search, with the trusted role metadata that lists it.</summary>
public sealed record LocatedTarget(string Path, TargetFile Target, string Role, TargetsMetadata ListedBy);
