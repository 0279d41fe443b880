using System.Text;
using System.Text.Json.Nodes;
using UpdateServer.Packaging.Canonical;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Packaging.Trust;

/// <summary>
/// A signed metadata file: <c>{"signed": ROLE, "signatures": [...]}</c> (spec 4.2). Immutable; signing returns
/// a new instance. <see cref="CanonicalSigned"/> holds the exact bytes the signatures cover: for parsed files
/// it is computed from the JSON as received, so fields this implementation does not model are still covered.
/// </summary>
public sealed class Metadata<T> where T : SignedMetadata, ISignedRole<T>
{
    internal Metadata(T signed, byte[] canonicalSigned, IReadOnlyList<MetadataSignature> signatures, JsonObject? unrecognized)
    {
        Signed = signed;
        CanonicalSigned = canonicalSigned;
        Signatures = signatures;
        UnrecognizedFields = unrecognized;
    }

    public T Signed { get; }

    public IReadOnlyList<MetadataSignature> Signatures { get; }

    /// <summary>Canonical JSON of the "signed" object: what every signature signs.</summary>
    public ReadOnlyMemory<byte> CanonicalSigned { get; }

    public JsonObject? UnrecognizedFields { get; }

    /// <summary>A copy with <paramref name="key"/>'s signature added (replacing an earlier one by the same key).</summary>
    public Metadata<T> Sign(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var signature = new MetadataSignature(key.KeyId, Convert.ToHexStringLower(key.Sign(CanonicalSigned.Span)));
        var signatures = Signatures.Where(s => s.KeyId != key.KeyId).Append(signature).ToList();
        return new Metadata<T>(Signed, CanonicalSigned.ToArray(), signatures, UnrecognizedFields);
    }

    /// <summary>Checks that a threshold of <paramref name="role"/>'s keys signed this file.</summary>
    /// <exception cref="SignatureThresholdNotMetException">Too few valid signatures.</exception>
    public void VerifySignedBy(string roleName, IReadOnlyDictionary<string, TufKey> keys, RoleKeys role) =>
        SignatureThreshold.Verify(roleName, CanonicalSigned.Span, Signatures, keys, role);

    /// <summary>
    /// The file's bytes: canonical JSON of the envelope, except that control characters in strings (the newlines
    /// of a PEM key, say) are written as <c>\u00XX</c>, since JSON (RFC 8259) forbids them raw.
    /// </summary>
    public byte[] ToBytes()
    {
        var envelope = JsonFields.StartWith(UnrecognizedFields);
        envelope["signatures"] = new JsonArray(Signatures.Select(s => (JsonNode?)s.ToJson()).ToArray());
        envelope["signed"] = StrictJson.Parse(EscapeControlCharacters(CanonicalSigned.Span));
        return EscapeControlCharacters(CanonicalJson.Serialize(envelope));
    }

    /// <summary>
    /// Canonical JSON (as securesystemslib signs it) leaves control characters raw inside strings. Outside strings
    /// it has no byte below 0x20, and UTF-8 never uses one inside a multi-byte character, so escaping every such
    /// byte yields valid JSON that reads back as the same strings, and the same signed bytes.
    /// </summary>
    private static byte[] EscapeControlCharacters(ReadOnlySpan<byte> canonical)
    {
        var output = new List<byte>(canonical.Length);
        foreach (var b in canonical)
        {
            if (b < 0x20)
            {
                output.AddRange(Encoding.ASCII.GetBytes($"\\u{b:x4}"));
            }
            else
            {
                output.Add(b);
            }
        }

        return [.. output];
    }
}
