using System.Security.Cryptography;
using System.Text.Json.Nodes;
using UpdateServer.Packaging.Canonical;

namespace UpdateServer.Packaging.Trust.Keys;

/// <summary>
/// A public key in TUF's KEY format (<c>keytype</c>, <c>scheme</c>, <c>keyval.public</c>). The JSON the key
/// was read from is kept whole, so unrecognized fields survive re-serialization and count in the keyid.
/// </summary>
public sealed class TufKey
{
    private readonly JsonObject _json;
    private readonly string _fullFormKeyId;

    private TufKey(JsonObject json, string keyType, string scheme, string publicValue)
    {
        _json = json;
        KeyType = keyType;
        Scheme = scheme;
        PublicValue = publicValue;
        KeyId = HashOf(new JsonObject
        {
            ["keytype"] = keyType,
            ["scheme"] = scheme,
            ["keyval"] = new JsonObject { ["public"] = publicValue },
        });
        _fullFormKeyId = HashOf(json);
    }

    public string KeyType { get; }

    public string Scheme { get; }

    /// <summary><c>keyval.public</c>: hex for Ed25519, PEM for ECDSA and RSA.</summary>
    public string PublicValue { get; }

    /// <summary>
    /// The spec's KEYID: hex SHA-256 of the canonical JSON of the key's <c>keytype</c>, <c>scheme</c> and
    /// <c>keyval</c>, which is how securesystemslib computes it and how every key here is named.
    /// </summary>
    public string KeyId { get; }

    /// <summary>
    /// True when <paramref name="keyId"/> is this key's id (spec 4.3: clients MUST calculate each KEYID).
    /// Older securesystemslib hashed the whole key object, extra fields included; that form is accepted too,
    /// so metadata from such repositories still verifies while an arbitrary alias never does.
    /// </summary>
    public bool IsIdentifiedBy(string keyId) => keyId == KeyId || keyId == _fullFormKeyId;

    /// <summary>Creates a key from its parts.</summary>
    public static TufKey Create(string keyType, string scheme, string publicValue) =>
        FromJson(new JsonObject
        {
            ["keytype"] = keyType,
            ["scheme"] = scheme,
            ["keyval"] = new JsonObject { ["public"] = publicValue },
        });

    /// <summary>Reads a KEY object; the node is copied, never kept by reference.</summary>
    /// <exception cref="MetadataFormatException">A required field is missing or of the wrong type.</exception>
    public static TufKey FromJson(JsonNode? node)
    {
        var json = node as JsonObject ?? throw new MetadataFormatException("A key must be a JSON object.");
        var keyType = JsonFields.RequiredString(json, "keytype");
        var scheme = JsonFields.RequiredString(json, "scheme");
        var keyval = JsonFields.RequiredObject(json, "keyval");
        var publicValue = JsonFields.RequiredString(keyval, "public");
        return new TufKey((JsonObject)json.DeepClone(), keyType, scheme, publicValue);
    }

    private static string HashOf(JsonObject json) => Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Serialize(json)));

    /// <summary>A copy of the key's JSON.</summary>
    public JsonObject ToJson() => (JsonObject)_json.DeepClone();

    /// <summary>
    /// Verifies <paramref name="signature"/> over <paramref name="data"/>. Returns false for a bad signature,
    /// a malformed public value, or a scheme this implementation does not know (such a key simply never
    /// counts toward a threshold).
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        SignatureVerifiers.For(KeyType, Scheme)?.Verify(PublicValue, data, signature) ?? false;
}
