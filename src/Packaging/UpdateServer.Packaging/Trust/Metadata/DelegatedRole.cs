using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace UpdateServer.Packaging.Trust;

/// <summary>One entry of a DELEGATIONS "roles" list (spec 4.5).</summary>
public sealed record DelegatedRole
{
    public DelegatedRole(string name, RoleKeys keys, bool terminating, IReadOnlyList<string>? paths, IReadOnlyList<string>? pathHashPrefixes)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new MetadataFormatException("A delegated role needs a name.");
        }

        if (paths is not null && pathHashPrefixes is not null)
        {
            throw new MetadataFormatException($"Delegated role \"{name}\" sets both paths and path_hash_prefixes; the spec allows one.");
        }

        Name = name;
        Keys = keys;
        Terminating = terminating;
        Paths = paths;
        PathHashPrefixes = pathHashPrefixes;
    }

    public string Name { get; }

    public RoleKeys Keys { get; }

    public bool Terminating { get; }

    public IReadOnlyList<string>? Paths { get; }

    public IReadOnlyList<string>? PathHashPrefixes { get; }

    public JsonObject? UnrecognizedFields { get; init; }

    /// <summary>True when this role is trusted for <paramref name="targetPath"/>.</summary>
    public bool IsDelegatedPath(string targetPath)
    {
        if (Paths is not null)
        {
            return Paths.Any(pattern => PathPattern.Matches(pattern, targetPath));
        }

        if (PathHashPrefixes is not null)
        {
            var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(targetPath)));
            return PathHashPrefixes.Any(prefix => digest.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
        }

        return false;
    }

    internal static DelegatedRole FromJson(JsonObject obj)
    {
        var paths = JsonFields.OptionalArray(obj, "paths");
        var prefixes = JsonFields.OptionalArray(obj, "path_hash_prefixes");
        return new DelegatedRole(
            JsonFields.RequiredString(obj, "name"),
            RoleKeys.FromJson(obj),
            JsonFields.OptionalBoolean(obj, "terminating") ?? throw new MetadataFormatException("Required field \"terminating\" is missing."),
            paths is null ? null : JsonFields.StringList(paths, "paths"),
            prefixes is null ? null : JsonFields.StringList(prefixes, "path_hash_prefixes"))
        {
            UnrecognizedFields = JsonFields.Unrecognized(obj, "name", "keyids", "threshold", "terminating", "paths", "path_hash_prefixes"),
        };
    }

    internal JsonObject ToJson()
    {
        var obj = JsonFields.StartWith(UnrecognizedFields);
        obj["name"] = Name;
        obj["keyids"] = JsonFields.ToArray(Keys.KeyIds);
        obj["threshold"] = Keys.Threshold;
        obj["terminating"] = Terminating;
        if (Paths is not null)
        {
            obj["paths"] = JsonFields.ToArray(Paths);
        }

        if (PathHashPrefixes is not null)
        {
            obj["path_hash_prefixes"] = JsonFields.ToArray(PathHashPrefixes);
        }

        return obj;
    }
}
