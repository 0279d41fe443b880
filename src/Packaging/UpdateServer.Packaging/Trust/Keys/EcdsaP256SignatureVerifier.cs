using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace UpdateServer.Packaging.Trust.Keys;

/// <summary>
/// ECDSA on NIST P-256 with SHA-256; the public value is a PEM SubjectPublicKeyInfo. securesystemslib writes
/// DER-encoded signatures; the 64-byte r‖s form some clients write is accepted too.
/// </summary>
internal sealed class EcdsaP256SignatureVerifier : ISignatureVerifier
{
    private const int P256FieldBits = 256;

    public bool Verify(string publicValue, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (PemCodec.TryReadPublicKey(publicValue) is not ECPublicKeyParameters key || key.Parameters.Curve.FieldSize != P256FieldBits
            || !IsP256(key))
        {
            return false;
        }

        if (VerifyWith("SHA-256withECDSA", key, data, signature))
        {
            return true;
        }

        return signature.Length == 64 && VerifyWith("SHA-256withPLAIN-ECDSA", key, data, signature);
    }

    private static bool IsP256(ECPublicKeyParameters key)
    {
        var p256 = Org.BouncyCastle.Asn1.Nist.NistNamedCurves.GetByName("P-256");
        return key.Parameters.Curve.Equals(p256.Curve) && key.Parameters.G.Equals(p256.G);
    }

    private static bool VerifyWith(string algorithm, ECPublicKeyParameters key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        try
        {
            var verifier = SignerUtilities.GetSigner(algorithm);
            verifier.Init(false, key);
            verifier.BlockUpdate(data);
            return verifier.VerifySignature(signature.ToArray());
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Org.BouncyCastle.Crypto.CryptoException or IOException)
        {
            return false;
        }
    }
}
