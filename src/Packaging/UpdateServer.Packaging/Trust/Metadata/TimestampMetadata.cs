using System.Text.Json.Nodes;

namespace UpdateServer.Packaging.Trust;

/// <summary>timestamp.json's signed part (spec 4.6): describes exactly the snapshot file.</summary>
public sealed record TimestampMetadata : SignedMetadata, ISignedRole<TimestampMetadata>
{
    private const string SnapshotPath = "snapshot.json";

    public static string TypeName => RoleNames.Timestamp;

    public override string Type => RoleNames.Timestamp;

    public required MetaFile SnapshotMeta { get; init; }

    public static TimestampMetadata FromJson(JsonObject obj)
    {
        var (specVersion, version, expires) = ReadHeader(obj, TypeName);
        var meta = JsonFields.RequiredObject(obj, "meta");
        if (meta.Count != 1 || JsonFields.OptionalObject(meta, SnapshotPath) is not { } snapshot)
        {
            // Spec 4.6: the timestamp's METAFILES MUST only describe snapshot.json.
            throw new MetadataFormatException("Timestamp \"meta\" must describe snapshot.json and nothing else.");
        }

        return new TimestampMetadata
        {
            SpecVersion = specVersion,
            Version = version,
            Expires = expires,
            SnapshotMeta = MetaFile.FromJson(snapshot),
            UnrecognizedFields = JsonFields.Unrecognized(obj, [.. HeaderFields, "meta"]),
        };
    }

    protected override void WriteFields(JsonObject obj) =>
        obj["meta"] = new JsonObject { [SnapshotPath] = SnapshotMeta.ToJson() };
}
