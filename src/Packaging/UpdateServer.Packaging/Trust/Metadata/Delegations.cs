using System.Text.Json.Nodes;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Packaging.Trust;

/// <summary>DELEGATIONS (spec 4.5): keys for delegated roles and the roles in priority order.</summary>
public sealed record Delegations
{
    public Delegations(IReadOnlyDictionary<string, TufKey> keys, IReadOnlyList<DelegatedRole> roles)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            if (!names.Add(role.Name))
            {
                throw new MetadataFormatException($"Delegated role \"{role.Name}\" is listed twice.");
            }

            // Compared without case: on Windows and macOS a role "Timestamp" would share a file with "timestamp".
            if (RoleNames.IsTopLevel(role.Name.ToLowerInvariant()))
            {
                throw new MetadataFormatException($"A delegated role must not be named \"{role.Name}\".");
            }
        }

        Keys = keys;
        Roles = roles;
    }

    public IReadOnlyDictionary<string, TufKey> Keys { get; }

    /// <summary>In order of appearance, which is the order of trust (spec 4.5, prioritized delegations).</summary>
    public IReadOnlyList<DelegatedRole> Roles { get; }

    public JsonObject? UnrecognizedFields { get; init; }

    public DelegatedRole? Find(string name) => Roles.FirstOrDefault(r => r.Name == name);

    internal static Delegations FromJson(JsonObject obj)
    {
        var roles = new List<DelegatedRole>();
        foreach (var node in JsonFields.RequiredArray(obj, "roles"))
        {
            roles.Add(DelegatedRole.FromJson(node as JsonObject ?? throw new MetadataFormatException("A delegated role must be an object.")));
        }

        return new Delegations(KeyTable.FromJson(JsonFields.RequiredObject(obj, "keys")), roles)
        {
            UnrecognizedFields = JsonFields.Unrecognized(obj, "keys", "roles"),
        };
    }

    internal JsonObject ToJson()
    {
        var obj = JsonFields.StartWith(UnrecognizedFields);
        obj["keys"] = KeyTable.ToJson(Keys);
        obj["roles"] = new JsonArray(Roles.Select(r => (JsonNode?)r.ToJson()).ToArray());
        return obj;
    }
}
