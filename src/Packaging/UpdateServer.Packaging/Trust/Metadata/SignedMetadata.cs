using System.Text.Json.Nodes;

namespace UpdateServer.Packaging.Trust;

/// <summary>
/// The "signed" part every role shares: <c>_type</c>, <c>spec_version</c>, <c>version</c>, <c>expires</c>,
/// plus any fields this implementation does not know, kept so they stay covered by signatures (spec 4).
/// </summary>
public abstract record SignedMetadata
{
    /// <summary>The spec version this implementation writes; any 1.x is read.</summary>
    public const string CurrentSpecVersion = "1.0.31";

    public abstract string Type { get; }

    public string SpecVersion { get; init; } = CurrentSpecVersion;

    /// <summary>Greater than zero (spec 4.3, VERSION).</summary>
    public long Version { get; init; } = 1;

    public DateTimeOffset Expires { get; init; }

    public JsonObject? UnrecognizedFields { get; init; }

    /// <summary>
    /// True when the metadata may no longer be trusted at <paramref name="referenceTime"/>: the spec requires
    /// the expiry to be higher than the fixed update start time (5.3.10, 5.4.4, 5.5.6, 5.6.5).
    /// </summary>
    public bool IsExpired(DateTimeOffset referenceTime) => Expires <= referenceTime;

    /// <summary>The JSON of this "signed" object, unrecognized fields included.</summary>
    public JsonObject ToJson()
    {
        var obj = JsonFields.StartWith(UnrecognizedFields);
        obj["_type"] = Type;
        obj["spec_version"] = SpecVersion;
        obj["version"] = Version;
        obj["expires"] = JsonFields.FormatDateTime(Expires);
        WriteFields(obj);
        return obj;
    }

    protected abstract void WriteFields(JsonObject obj);

    /// <summary>Reads and checks the common header of a "signed" object of the given type.</summary>
    protected static (string SpecVersion, long Version, DateTimeOffset Expires) ReadHeader(JsonObject obj, string expectedType)
    {
        var type = JsonFields.RequiredString(obj, "_type");
        if (type != expectedType)
        {
            throw new MetadataFormatException($"Expected _type \"{expectedType}\", found \"{type}\".");
        }

        var specVersion = JsonFields.RequiredString(obj, "spec_version");
        var parts = specVersion.Split('.');
        if (parts.Length is < 2 or > 3 || parts[0] != "1" || !parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)))
        {
            // Spec 4.3 (SPEC_VERSION): clients MUST check the version; this client reads any 1.x.y.
            throw new MetadataFormatException($"Unsupported spec_version \"{specVersion}\"; this client reads 1.x.");
        }

        var version = JsonFields.RequiredInteger(obj, "version");
        if (version < 1)
        {
            throw new MetadataFormatException($"version must be greater than zero; found {version}.");
        }

        return (specVersion, version, JsonFields.RequiredDateTime(obj, "expires"));
    }

    protected static readonly string[] HeaderFields = ["_type", "spec_version", "version", "expires"];
}
