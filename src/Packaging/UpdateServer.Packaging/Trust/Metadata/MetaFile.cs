using System.Text.Json.Nodes;

namespace UpdateServer.Packaging.Trust;

/// <summary>A METAFILES entry (spec 4.4): the version and optionally the length and hashes of a metadata file.</summary>
public sealed record MetaFile
{
    public MetaFile(long version, long? length = null, IReadOnlyDictionary<string, string>? hashes = null)
    {
        if (version < 1)
        {
            throw new MetadataFormatException($"A meta version must be greater than zero; found {version}.");
        }

        if (length is < 0)
        {
            throw new MetadataFormatException($"A meta length must not be negative; found {length}.");
        }

        if (hashes is { Count: 0 })
        {
            throw new MetadataFormatException("A meta \"hashes\" object, when present, must not be empty.");
        }

        Version = version;
        Length = length;
        Hashes = hashes;
    }

    public long Version { get; }

    public long? Length { get; }

    public IReadOnlyDictionary<string, string>? Hashes { get; }

    public JsonObject? UnrecognizedFields { get; init; }

    /// <summary>Describes <paramref name="bytes"/> as metadata of <paramref name="version"/>, with length and SHA-256.</summary>
    public static MetaFile Describe(long version, ReadOnlySpan<byte> bytes) =>
        new(version, bytes.Length, new Dictionary<string, string> { ["sha256"] = FileHashes.Sha256Hex(bytes) });

    internal static MetaFile FromJson(JsonObject obj)
    {
        var hashes = JsonFields.OptionalObject(obj, "hashes");
        return new MetaFile(
            JsonFields.RequiredInteger(obj, "version"),
            JsonFields.OptionalInteger(obj, "length"),
            hashes is null ? null : JsonFields.StringMap(hashes, "hashes"))
        {
            UnrecognizedFields = JsonFields.Unrecognized(obj, "version", "length", "hashes"),
        };
    }

    internal JsonObject ToJson()
    {
        var obj = JsonFields.StartWith(UnrecognizedFields);
        obj["version"] = Version;
        if (Length is { } length)
        {
            obj["length"] = length;
        }

        if (Hashes is not null)
        {
            obj["hashes"] = FileHashes.ToJson(Hashes);
        }

        return obj;
    }
}
