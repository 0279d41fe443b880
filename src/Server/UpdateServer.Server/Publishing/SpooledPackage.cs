namespace UpdateServer.Server.Publishing;

/// <summary>An uploaded package written to the spool folder, with the length and SHA-256 measured while receiving it.</summary>
public sealed record SpooledPackage(string FileName, string Path, long Length, string Sha256);
