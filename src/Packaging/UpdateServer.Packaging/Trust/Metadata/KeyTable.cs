using System.Text.Json.Nodes;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Packaging.Trust;

/// <summary>Reads and writes the "keys" objects of root and of delegations: KEYID → KEY.</summary>
internal static class KeyTable
{
    public static Dictionary<string, TufKey> FromJson(JsonObject obj)
    {
        var keys = new Dictionary<string, TufKey>(StringComparer.Ordinal);
        foreach (var (keyId, node) in obj)
        {
            keys[keyId] = TufKey.FromJson(node);
        }

        return keys;
    }

    public static JsonObject ToJson(IReadOnlyDictionary<string, TufKey> keys)
    {
        var obj = new JsonObject();
        foreach (var (keyId, key) in keys)
        {
            obj[keyId] = key.ToJson();
        }

        return obj;
    }
}
