using System.Text.Json.Nodes;

namespace UpdateServer.Packaging.Trust;

/// <summary>The keys trusted for a role and how many of them must sign (root "roles" entries).</summary>
public sealed record RoleKeys
{
    public RoleKeys(IReadOnlyList<string> keyIds, int threshold)
    {
        if (threshold < 1)
        {
            throw new MetadataFormatException($"threshold must be at least 1; found {threshold}.");
        }

        if (keyIds.Distinct(StringComparer.Ordinal).Count() != keyIds.Count)
        {
            throw new MetadataFormatException("keyids must not repeat within a role.");
        }

        KeyIds = keyIds;
        Threshold = threshold;
    }

    public IReadOnlyList<string> KeyIds { get; }

    public int Threshold { get; }

    public JsonObject? UnrecognizedFields { get; init; }

    /// <summary>True when both name the same keys and threshold; used to notice key rotation (spec 5.3.11).</summary>
    public bool SameKeysAs(RoleKeys other) =>
        Threshold == other.Threshold && KeyIds.Order(StringComparer.Ordinal).SequenceEqual(other.KeyIds.Order(StringComparer.Ordinal));

    internal static RoleKeys FromJson(JsonObject obj)
    {
        var threshold = JsonFields.RequiredInteger(obj, "threshold");
        if (threshold is < 1 or > int.MaxValue)
        {
            throw new MetadataFormatException($"threshold must be at least 1; found {threshold}.");
        }

        return new RoleKeys(JsonFields.StringList(JsonFields.RequiredArray(obj, "keyids"), "keyids"), (int)threshold)
        {
            UnrecognizedFields = JsonFields.Unrecognized(obj, "keyids", "threshold"),
        };
    }

    internal JsonObject ToJson()
    {
        var obj = JsonFields.StartWith(UnrecognizedFields);
        obj["keyids"] = JsonFields.ToArray(KeyIds);
        obj["threshold"] = Threshold;
        return obj;
    }
}
