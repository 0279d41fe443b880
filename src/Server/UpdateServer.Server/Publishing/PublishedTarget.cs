using UpdateServer.Packaging.Catalog;

namespace UpdateServer.Server.Publishing;

/// <summary>
/// What was ever published under a target path: bytes (length, SHA-256), identity (product, version, kind) and the
/// lifecycle state and facts it last had.
/// </summary>
public sealed record PublishedTarget(long Length, string Sha256, string Product, string Version, string Kind, string State, string CustomJson)
{
    /// <summary>The facts it was last signed with; null when they no longer read under today's rules.</summary>
    public ReleaseFacts? Facts => ReleaseFacts.FromStoredJson(CustomJson);
}
