using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace UpdateServer.Packaging.Trust.Keys;

/// <summary>
/// RSASSA-PSS with SHA-256 and MGF1-SHA-256 (RFC 8017); the public value is a PEM SubjectPublicKeyInfo of at
/// least 2048 bits, as the spec requires. Signers differ in salt length (securesystemslib has used both the
/// digest length and the maximum), so both are accepted.
/// </summary>
internal sealed class RsaPssSignatureVerifier : ISignatureVerifier
{
    private const int MinimumModulusBits = 2048;
    private const int DigestLength = 32;

    public bool Verify(string publicValue, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (PemCodec.TryReadPublicKey(publicValue) is not RsaKeyParameters { IsPrivate: false } key
            || key.Modulus.BitLength < MinimumModulusBits)
        {
            return false;
        }

        var emLength = (key.Modulus.BitLength - 1 + 7) / 8;
        var maxSalt = emLength - DigestLength - 2;
        return VerifyWithSalt(key, data, signature, DigestLength) || VerifyWithSalt(key, data, signature, maxSalt);
    }

    private static bool VerifyWithSalt(RsaKeyParameters key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, int saltLength)
    {
        try
        {
            var verifier = new PssSigner(new RsaBlindedEngine(), new Sha256Digest(), new Sha256Digest(), saltLength);
            verifier.Init(false, key);
            verifier.BlockUpdate(data);
            return verifier.VerifySignature(signature.ToArray());
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Org.BouncyCastle.Crypto.CryptoException)
        {
            return false;
        }
    }
}
