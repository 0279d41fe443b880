using System.Formats.Asn1;
using System.Security.Cryptography;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Upkg.Keys;

/// <summary>
/// Turns a PEM "PUBLIC KEY" (SubjectPublicKeyInfo) into a TUF key: ECDSA P-256 and RSA keys are carried as PEM in
/// TUF (<c>keyval.public</c>), re-wrapped the way <see cref="SigningKey"/> writes them so the keyid matches the one
/// the key's owner sees. Ed25519 keys are hex in TUF; they must come as TUF key JSON.
/// </summary>
public static class PemPublicKey
{
    private const string Label = "PUBLIC KEY";
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string P256Oid = "1.2.840.10045.3.1.7";
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string Ed25519Oid = "1.3.101.112";
    private const int MinimumRsaBits = 2048;

    /// <exception cref="KeyFormatException">The text is not a PEM public key of a supported kind.</exception>
    public static TufKey ToTufKey(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (!PemEncoding.TryFind(pem, out var fields) || !pem.AsSpan()[fields.Label].SequenceEqual(Label))
        {
            throw new KeyFormatException("Expected TUF key JSON or a PEM block labelled \"PUBLIC KEY\".");
        }

        byte[] der;
        string algorithm;
        string? parameters;
        try
        {
            der = Convert.FromBase64String(pem[fields.Base64Data]);
            (algorithm, parameters) = ReadAlgorithm(der);
        }
        catch (Exception e) when (e is FormatException or AsnContentException)
        {
            throw new KeyFormatException($"The PEM public key cannot be read: {e.Message}", e);
        }

        var normalized = PemEncoding.WriteString(Label, der) + "\n";
        return algorithm switch
        {
            EcPublicKeyOid when parameters == P256Oid && IsReadable(der, ecdsa: true) =>
                TufKey.Create(KeySchemes.KeyTypeEcdsa, KeySchemes.EcdsaP256, normalized),
            EcPublicKeyOid => throw new KeyFormatException("Only ECDSA keys on the P-256 curve are supported."),
            RsaOid when IsReadable(der, ecdsa: false) => TufKey.Create(KeySchemes.KeyTypeRsa, KeySchemes.RsaPssSha256, normalized),
            Ed25519Oid => throw new KeyFormatException("Give Ed25519 public keys as TUF key JSON (the .pub.json upkg keygen writes), not PEM."),
            _ => throw new KeyFormatException($"Unsupported public key algorithm {algorithm}; use Ed25519, ECDSA P-256 or RSA."),
        };
    }

    /// <summary>The algorithm OID of a SubjectPublicKeyInfo and its parameter OID, when the parameter is one.</summary>
    private static (string Algorithm, string? Parameters) ReadAlgorithm(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var info = reader.ReadSequence();
        var identifier = info.ReadSequence();
        var algorithm = identifier.ReadObjectIdentifier();
        string? parameters = null;
        if (identifier.HasData && identifier.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
        {
            parameters = identifier.ReadObjectIdentifier();
        }

        return (algorithm, parameters);
    }

    private static bool IsReadable(byte[] der, bool ecdsa)
    {
        try
        {
            if (ecdsa)
            {
                using var ec = ECDsa.Create();
                ec.ImportSubjectPublicKeyInfo(der, out _);
                return true;
            }

            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(der, out _);
            return rsa.KeySize >= MinimumRsaBits
                ? true
                : throw new KeyFormatException($"RSA keys need at least {MinimumRsaBits} bits; this one has {rsa.KeySize}.");
        }
        catch (CryptographicException e)
        {
            throw new KeyFormatException($"The PEM public key cannot be read: {e.Message}", e);
        }
    }
}
