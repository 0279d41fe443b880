using System.Text.Json.Nodes;
using UpdateServer.Packaging.Canonical;

namespace UpdateServer.Packaging.Trust;

/// <summary>Creates and parses <see cref="Metadata{T}"/> files.</summary>
public static class Metadata
{
    /// <summary>Unsigned metadata for <paramref name="signed"/>; add signatures with <see cref="Metadata{T}.Sign"/>.</summary>
    public static Metadata<T> Create<T>(T signed) where T : SignedMetadata, ISignedRole<T> =>
        new(signed, CanonicalJson.Serialize(signed.ToJson()), [], null);

    /// <summary>Parses a metadata file strictly (see <see cref="StrictJson"/>).</summary>
    /// <exception cref="MetadataFormatException">The bytes are not valid metadata of type <typeparamref name="T"/>.</exception>
    public static Metadata<T> FromBytes<T>(ReadOnlySpan<byte> bytes) where T : SignedMetadata, ISignedRole<T>
    {
        JsonObject envelope;
        try
        {
            envelope = StrictJson.ParseObject(bytes);
        }
        catch (CanonicalJsonException e)
        {
            throw new MetadataFormatException($"{T.TypeName} metadata is not valid JSON: {e.Message}", e);
        }

        var signedJson = JsonFields.RequiredObject(envelope, "signed");
        var signatures = new List<MetadataSignature>();
        var keyIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in JsonFields.RequiredArray(envelope, "signatures"))
        {
            var signature = MetadataSignature.FromJson(node as JsonObject ?? throw new MetadataFormatException("A signature must be an object."));
            if (!keyIds.Add(signature.KeyId))
            {
                // Spec 4.2: the keyid MUST be unique in the "signatures" array.
                throw new MetadataFormatException($"{T.TypeName} metadata has more than one signature by keyid {signature.KeyId}.");
            }

            signatures.Add(signature);
        }

        byte[] canonical;
        try
        {
            canonical = CanonicalJson.Serialize(signedJson);
        }
        catch (CanonicalJsonException e)
        {
            throw new MetadataFormatException($"{T.TypeName} metadata cannot be canonicalized: {e.Message}", e);
        }

        return new Metadata<T>(T.FromJson(signedJson), canonical, signatures,
            JsonFields.Unrecognized(envelope, "signed", "signatures"));
    }
}
