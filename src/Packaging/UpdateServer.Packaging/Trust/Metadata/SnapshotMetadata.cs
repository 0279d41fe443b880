using System.Text.Json.Nodes;

namespace UpdateServer.Packaging.Trust;

/// <summary>snapshot.json's signed part (spec 4.4): the version of every targets metadata file.</summary>
public sealed record SnapshotMetadata : SignedMetadata, ISignedRole<SnapshotMetadata>
{
    public static string TypeName => RoleNames.Snapshot;

    public override string Type => RoleNames.Snapshot;

    /// <summary>METAPATH (e.g. <c>targets.json</c>, <c>acme.json</c>) → version, length, hashes.</summary>
    public IReadOnlyDictionary<string, MetaFile> Meta { get; init; } = new Dictionary<string, MetaFile>();

    public static SnapshotMetadata FromJson(JsonObject obj)
    {
        var (specVersion, version, expires) = ReadHeader(obj, TypeName);
        var meta = new Dictionary<string, MetaFile>(StringComparer.Ordinal);
        foreach (var (path, node) in JsonFields.RequiredObject(obj, "meta"))
        {
            meta[path] = MetaFile.FromJson(node as JsonObject ?? throw new MetadataFormatException($"Meta \"{path}\" must be an object."));
        }

        return new SnapshotMetadata
        {
            SpecVersion = specVersion,
            Version = version,
            Expires = expires,
            Meta = meta,
            UnrecognizedFields = JsonFields.Unrecognized(obj, [.. HeaderFields, "meta"]),
        };
    }

    protected override void WriteFields(JsonObject obj)
    {
        var meta = new JsonObject();
        foreach (var (path, file) in Meta)
        {
            meta[path] = file.ToJson();
        }

        obj["meta"] = meta;
    }
}
