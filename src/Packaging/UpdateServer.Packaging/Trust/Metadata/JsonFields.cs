using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace UpdateServer.Packaging.Trust;

/// <summary>Typed, strict access to metadata fields; every violation is a <see cref="MetadataFormatException"/>.</summary>
internal static class JsonFields
{
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static string RequiredString(JsonObject obj, string name) =>
        OptionalString(obj, name) ?? throw Missing(name);

    public static string? OptionalString(JsonObject obj, string name)
    {
        if (!obj.TryGetPropertyValue(name, out var node))
        {
            return null;
        }

        return node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw new MetadataFormatException($"\"{name}\" must be a string.");
    }

    public static long RequiredInteger(JsonObject obj, string name) =>
        OptionalInteger(obj, name) ?? throw Missing(name);

    public static long? OptionalInteger(JsonObject obj, string name)
    {
        if (!obj.TryGetPropertyValue(name, out var node))
        {
            return null;
        }

        return node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number)
            ? number
            : throw new MetadataFormatException($"\"{name}\" must be an integer.");
    }

    public static bool? OptionalBoolean(JsonObject obj, string name)
    {
        if (!obj.TryGetPropertyValue(name, out var node))
        {
            return null;
        }

        return node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? value.GetValue<bool>()
            : throw new MetadataFormatException($"\"{name}\" must be a boolean.");
    }

    public static JsonObject RequiredObject(JsonObject obj, string name) =>
        OptionalObject(obj, name) ?? throw Missing(name);

    public static JsonObject? OptionalObject(JsonObject obj, string name)
    {
        if (!obj.TryGetPropertyValue(name, out var node))
        {
            return null;
        }

        return node as JsonObject ?? throw new MetadataFormatException($"\"{name}\" must be an object.");
    }

    public static JsonArray RequiredArray(JsonObject obj, string name) =>
        OptionalArray(obj, name) ?? throw Missing(name);

    public static JsonArray? OptionalArray(JsonObject obj, string name)
    {
        if (!obj.TryGetPropertyValue(name, out var node))
        {
            return null;
        }

        return node as JsonArray ?? throw new MetadataFormatException($"\"{name}\" must be an array.");
    }

    public static List<string> StringList(JsonArray array, string name)
    {
        var list = new List<string>(array.Count);
        foreach (var item in array)
        {
            list.Add(item is JsonValue value && value.GetValueKind() == JsonValueKind.String
                ? value.GetValue<string>()
                : throw new MetadataFormatException($"\"{name}\" must hold strings only."));
        }

        return list;
    }

    public static Dictionary<string, string> StringMap(JsonObject obj, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, node) in obj)
        {
            map[key] = node is JsonValue value && value.GetValueKind() == JsonValueKind.String
                ? value.GetValue<string>()
                : throw new MetadataFormatException($"\"{name}\" must map names to strings.");
        }

        return map;
    }

    /// <summary>Reads the spec's date-time: exactly <c>YYYY-MM-DDTHH:MM:SSZ</c>, always UTC.</summary>
    public static DateTimeOffset RequiredDateTime(JsonObject obj, string name)
    {
        var text = RequiredString(obj, name);
        return DateTimeOffset.TryParseExact(text, DateTimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new MetadataFormatException($"\"{name}\" must be a date-time like 2030-01-01T00:00:00Z; found \"{text}\".");
    }

    public static string FormatDateTime(DateTimeOffset value) =>
        value.ToUniversalTime().ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>A deep copy of the members of <paramref name="obj"/> not named in <paramref name="known"/>.</summary>
    public static JsonObject Unrecognized(JsonObject obj, params ReadOnlySpan<string> known)
    {
        var rest = new JsonObject();
        foreach (var (key, node) in obj)
        {
            if (!known.Contains(key))
            {
                rest[key] = node?.DeepClone();
            }
        }

        return rest;
    }

    /// <summary>Starts an output object holding a copy of <paramref name="unrecognized"/>.</summary>
    public static JsonObject StartWith(JsonObject? unrecognized)
    {
        var obj = new JsonObject();
        if (unrecognized is not null)
        {
            foreach (var (key, node) in unrecognized)
            {
                obj[key] = node?.DeepClone();
            }
        }

        return obj;
    }

    public static JsonArray ToArray(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static MetadataFormatException Missing(string name) => new($"Required field \"{name}\" is missing.");
}
