using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace UpdateServer.Packaging.Trust.Keys;

/// <summary>Ed25519 (RFC 8032); the public value is 32 bytes as 64 hex characters.</summary>
internal sealed class Ed25519SignatureVerifier : ISignatureVerifier
{
    public bool Verify(string publicValue, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (publicValue.Length != 64 || signature.Length != Ed25519PublicKeyParameters.KeySize * 2)
        {
            return false;
        }

        byte[] publicBytes;
        try
        {
            publicBytes = Convert.FromHexString(publicValue);
        }
        catch (FormatException)
        {
            return false;
        }

        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(publicBytes));
        verifier.BlockUpdate(data);
        return verifier.VerifySignature(signature.ToArray());
    }
}
