using System.Text.Json.Nodes;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Packaging.Trust;

/// <summary>root.json's signed part (spec 4.3): the keys and thresholds of every top-level role.</summary>
public sealed record RootMetadata : SignedMetadata, ISignedRole<RootMetadata>
{
    public static string TypeName => RoleNames.Root;

    public override string Type => RoleNames.Root;

    public bool ConsistentSnapshot { get; init; } = true;

    public IReadOnlyDictionary<string, TufKey> Keys { get; init; } = new Dictionary<string, TufKey>();

    public IReadOnlyDictionary<string, RoleKeys> Roles { get; init; } = new Dictionary<string, RoleKeys>();

    /// <summary>The keys and threshold of a top-level role.</summary>
    /// <exception cref="MetadataFormatException">The role is not listed.</exception>
    public RoleKeys RoleFor(string role) =>
        Roles.TryGetValue(role, out var keys) ? keys : throw new MetadataFormatException($"Root lists no role \"{role}\".");

    public static RootMetadata FromJson(JsonObject obj)
    {
        var (specVersion, version, expires) = ReadHeader(obj, TypeName);
        var roles = new Dictionary<string, RoleKeys>(StringComparer.Ordinal);
        foreach (var (name, node) in JsonFields.RequiredObject(obj, "roles"))
        {
            roles[name] = RoleKeys.FromJson(node as JsonObject ?? throw new MetadataFormatException($"Role \"{name}\" must be an object."));
        }

        foreach (var required in new[] { RoleNames.Root, RoleNames.Targets, RoleNames.Snapshot, RoleNames.Timestamp })
        {
            if (!roles.ContainsKey(required))
            {
                // Spec 4.3: a role for each of root, snapshot, timestamp and targets MUST be specified.
                throw new MetadataFormatException($"Root must list the \"{required}\" role.");
            }
        }

        return new RootMetadata
        {
            SpecVersion = specVersion,
            Version = version,
            Expires = expires,
            ConsistentSnapshot = JsonFields.OptionalBoolean(obj, "consistent_snapshot") ?? false,
            Keys = KeyTable.FromJson(JsonFields.RequiredObject(obj, "keys")),
            Roles = roles,
            UnrecognizedFields = JsonFields.Unrecognized(obj, [.. HeaderFields, "consistent_snapshot", "keys", "roles"]),
        };
    }

    protected override void WriteFields(JsonObject obj)
    {
        obj["consistent_snapshot"] = ConsistentSnapshot;
        obj["keys"] = KeyTable.ToJson(Keys);
        var roles = new JsonObject();
        foreach (var (name, role) in Roles)
        {
            roles[name] = role.ToJson();
        }

        obj["roles"] = roles;
    }
}
