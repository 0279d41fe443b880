using System.Text.Json.Nodes;

namespace UpdateServer.Packaging.Trust;

/// <summary>One entry of a metadata file's "signatures" list: a keyid and a hex-encoded signature.</summary>
public sealed record MetadataSignature(string KeyId, string Sig)
{
    public JsonObject? UnrecognizedFields { get; init; }

    /// <summary>The signature bytes, or null when <see cref="Sig"/> is not hex (such a signature never verifies).</summary>
    public byte[]? TryDecode()
    {
        try
        {
            return Convert.FromHexString(Sig);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    internal static MetadataSignature FromJson(JsonObject obj) =>
        new(JsonFields.RequiredString(obj, "keyid"), JsonFields.RequiredString(obj, "sig"))
        {
            UnrecognizedFields = JsonFields.Unrecognized(obj, "keyid", "sig"),
        };

    internal JsonObject ToJson()
    {
        var obj = JsonFields.StartWith(UnrecognizedFields);
        obj["keyid"] = KeyId;
        obj["sig"] = Sig;
        return obj;
    }
}
