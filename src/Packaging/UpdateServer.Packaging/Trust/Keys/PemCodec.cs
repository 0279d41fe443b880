using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace UpdateServer.Packaging.Trust.Keys;

/// <summary>PEM reading and writing for SubjectPublicKeyInfo ("PUBLIC KEY") and PKCS#8 ("PRIVATE KEY").</summary>
internal static class PemCodec
{
    public const string PublicLabel = "PUBLIC KEY";
    public const string PrivateLabel = "PRIVATE KEY";

    /// <summary>The public key in <paramref name="pem"/>, or null when it is not a readable SubjectPublicKeyInfo.</summary>
    public static AsymmetricKeyParameter? TryReadPublicKey(string pem)
    {
        var der = TryReadDer(pem, PublicLabel);
        if (der is null)
        {
            return null;
        }

        try
        {
            return PublicKeyFactory.CreateKey(der);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or SecurityUtilityException)
        {
            return null;
        }
    }

    /// <summary>Reads a PKCS#8 private key.</summary>
    /// <exception cref="KeyFormatException">The text is not an unencrypted PKCS#8 PEM key.</exception>
    public static AsymmetricKeyParameter ReadPrivateKey(string pem)
    {
        var der = TryReadDer(pem, PrivateLabel)
            ?? throw new KeyFormatException("Expected an unencrypted PKCS#8 PEM block labelled \"PRIVATE KEY\".");
        try
        {
            return PrivateKeyFactory.CreateKey(der);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or SecurityUtilityException)
        {
            throw new KeyFormatException($"The private key cannot be read: {e.Message}", e);
        }
    }

    public static string WritePublicKey(AsymmetricKeyParameter publicKey) =>
        PemEncoding.WriteString(PublicLabel, SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicKey).GetDerEncoded()) + "\n";

    public static string WritePrivateKey(AsymmetricKeyParameter privateKey) =>
        PemEncoding.WriteString(PrivateLabel, PrivateKeyInfoFactory.CreatePrivateKeyInfo(privateKey).GetDerEncoded()) + "\n";

    private static byte[]? TryReadDer(string pem, string label)
    {
        if (!PemEncoding.TryFind(pem, out var fields) || !pem.AsSpan()[fields.Label].SequenceEqual(label))
        {
            return null;
        }

        var der = new byte[fields.DecodedDataLength];
        return Convert.TryFromBase64Chars(pem.AsSpan()[fields.Base64Data], der, out var written) ? der[..written] : null;
    }
}
