using System.Text.Json.Nodes;

namespace UpdateServer.Packaging.Trust;

/// <summary>A TARGETS entry (spec 4.5): the length, hashes and optional custom facts of one target file.</summary>
public sealed record TargetFile
{
    public TargetFile(long length, IReadOnlyDictionary<string, string> hashes, JsonObject? custom = null)
    {
        if (length < 0)
        {
            throw new MetadataFormatException($"A target length must not be negative; found {length}.");
        }

        if (hashes.Count == 0)
        {
            throw new MetadataFormatException("A target must list at least one hash.");
        }

        Length = length;
        Hashes = hashes;
        Custom = custom;
    }

    public long Length { get; }

    public IReadOnlyDictionary<string, string> Hashes { get; }

    /// <summary>Application facts covered by the delegation's signature (product, version, applicability...).</summary>
    public JsonObject? Custom { get; }

    public JsonObject? UnrecognizedFields { get; init; }

    /// <summary>
    /// The SHA-256 digest as 64 lowercase hex characters, which names the file in a consistent-snapshot repository
    /// and in download folders; anything else in its place is refused, so it can never act as a path.
    /// </summary>
    /// <exception cref="MetadataFormatException">No sha256 is listed, or it is not 64 lowercase hex characters.</exception>
    public string Sha256 => Hashes.TryGetValue(FileHashes.Sha256, out var hex)
        ? hex.Length == 64 && hex.All(char.IsAsciiHexDigitLower)
            ? hex
            : throw new MetadataFormatException("The target's sha256 is not 64 lowercase hex characters.")
        : throw new MetadataFormatException("The target lists no sha256 hash.");

    internal static TargetFile FromJson(JsonObject obj) =>
        new(JsonFields.RequiredInteger(obj, "length"),
            JsonFields.StringMap(JsonFields.RequiredObject(obj, "hashes"), "hashes"),
            (JsonObject?)JsonFields.OptionalObject(obj, "custom")?.DeepClone())
        {
            UnrecognizedFields = JsonFields.Unrecognized(obj, "length", "hashes", "custom"),
        };

    internal JsonObject ToJson()
    {
        var obj = JsonFields.StartWith(UnrecognizedFields);
        obj["length"] = Length;
        obj["hashes"] = FileHashes.ToJson(Hashes);
        if (Custom is not null)
        {
            obj["custom"] = Custom.DeepClone();
        }

        return obj;
    }
}
