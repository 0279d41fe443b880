using UpdateServer.Packaging.Trust;

namespace UpdateServer.Server.Publishing;

/// <summary>A role's newly signed metadata from a publish request, verified, with the bytes to store as they came.</summary>
public sealed record UploadedRole(string Role, Metadata<TargetsMetadata> Metadata, byte[] Bytes);
