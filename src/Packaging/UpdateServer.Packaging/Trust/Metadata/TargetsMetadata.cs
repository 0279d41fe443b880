using System.Text.Json.Nodes;

namespace UpdateServer.Packaging.Trust;

/// <summary>targets.json's (and every delegated role's) signed part (spec 4.5).</summary>
public sealed record TargetsMetadata : SignedMetadata, ISignedRole<TargetsMetadata>
{
    public static string TypeName => RoleNames.Targets;

    public override string Type => RoleNames.Targets;

    public IReadOnlyDictionary<string, TargetFile> Targets { get; init; } = new Dictionary<string, TargetFile>();

    public Delegations? Delegations { get; init; }

    public static TargetsMetadata FromJson(JsonObject obj)
    {
        var (specVersion, version, expires) = ReadHeader(obj, TypeName);
        var targets = new Dictionary<string, TargetFile>(StringComparer.Ordinal);
        foreach (var (path, node) in JsonFields.RequiredObject(obj, "targets"))
        {
            targets[path] = TargetFile.FromJson(node as JsonObject ?? throw new MetadataFormatException($"Target \"{path}\" must be an object."));
        }

        var delegations = JsonFields.OptionalObject(obj, "delegations");
        return new TargetsMetadata
        {
            SpecVersion = specVersion,
            Version = version,
            Expires = expires,
            Targets = targets,
            Delegations = delegations is null ? null : Delegations.FromJson(delegations),
            UnrecognizedFields = JsonFields.Unrecognized(obj, [.. HeaderFields, "targets", "delegations"]),
        };
    }

    protected override void WriteFields(JsonObject obj)
    {
        var targets = new JsonObject();
        foreach (var (path, target) in Targets)
        {
            targets[path] = target.ToJson();
        }

        obj["targets"] = targets;
        if (Delegations is not null)
        {
            obj["delegations"] = Delegations.ToJson();
        }
    }
}
