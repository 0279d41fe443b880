using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace UpdateServer.Packaging.Trust.Keys;

/// <summary>
/// A private key that signs TUF metadata. Stored as unencrypted PKCS#8 PEM; the file never leaves the
/// machine that created it (keep it on an encrypted volume or offline medium).
/// </summary>
public sealed class SigningKey
{
    private const int RsaBits = 3072;
    private const int Sha256Length = 32;
    private readonly AsymmetricKeyParameter _privateKey;

    private SigningKey(KeyAlgorithm algorithm, AsymmetricKeyParameter privateKey, AsymmetricKeyParameter publicKey)
    {
        Algorithm = algorithm;
        _privateKey = privateKey;
        PublicKey = algorithm switch
        {
            KeyAlgorithm.Ed25519 => TufKey.Create(KeySchemes.KeyTypeEd25519, KeySchemes.Ed25519,
                Convert.ToHexStringLower(((Ed25519PublicKeyParameters)publicKey).GetEncoded())),
            KeyAlgorithm.EcdsaP256 => TufKey.Create(KeySchemes.KeyTypeEcdsa, KeySchemes.EcdsaP256, PemCodec.WritePublicKey(publicKey)),
            _ => TufKey.Create(KeySchemes.KeyTypeRsa, KeySchemes.RsaPssSha256, PemCodec.WritePublicKey(publicKey)),
        };
    }

    public KeyAlgorithm Algorithm { get; }

    /// <summary>The public half in TUF KEY form; its <see cref="TufKey.KeyId"/> names this key in metadata.</summary>
    public TufKey PublicKey { get; }

    public string KeyId => PublicKey.KeyId;

    /// <summary>Creates a fresh key from the platform's secure random generator.</summary>
    public static SigningKey Generate(KeyAlgorithm algorithm = KeyAlgorithm.Ed25519)
    {
        var random = new SecureRandom();
        switch (algorithm)
        {
            case KeyAlgorithm.Ed25519:
                var ed = new Ed25519PrivateKeyParameters(random);
                return new SigningKey(algorithm, ed, ed.GeneratePublicKey());
            case KeyAlgorithm.EcdsaP256:
                var ecGenerator = new ECKeyPairGenerator();
                ecGenerator.Init(new ECKeyGenerationParameters(Org.BouncyCastle.Asn1.Sec.SecObjectIdentifiers.SecP256r1, random));
                var ec = ecGenerator.GenerateKeyPair();
                return new SigningKey(algorithm, ec.Private, ec.Public);
            case KeyAlgorithm.RsaPss:
                var rsaGenerator = new RsaKeyPairGenerator();
                rsaGenerator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), random, RsaBits, 100));
                var rsa = rsaGenerator.GenerateKeyPair();
                return new SigningKey(algorithm, rsa.Private, rsa.Public);
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown key algorithm.");
        }
    }

    /// <summary>Reads a key written by <see cref="ToPem"/> (or any unencrypted PKCS#8 Ed25519, P-256 or RSA key).</summary>
    /// <exception cref="KeyFormatException">The text is not such a key.</exception>
    public static SigningKey FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        return PemCodec.ReadPrivateKey(pem) switch
        {
            Ed25519PrivateKeyParameters ed => new SigningKey(KeyAlgorithm.Ed25519, ed, ed.GeneratePublicKey()),
            ECPrivateKeyParameters ec when IsP256(ec) => new SigningKey(KeyAlgorithm.EcdsaP256, ec, EcPublic(ec)),
            RsaPrivateCrtKeyParameters rsa when rsa.Modulus.BitLength >= 2048 =>
                new SigningKey(KeyAlgorithm.RsaPss, rsa, new RsaKeyParameters(false, rsa.Modulus, rsa.PublicExponent)),
            _ => throw new KeyFormatException("Only Ed25519, ECDSA P-256 and RSA (2048 bits or more) private keys are supported."),
        };
    }

    /// <summary>The private key as PKCS#8 PEM.</summary>
    public string ToPem() => PemCodec.WritePrivateKey(_privateKey);

    /// <summary>Signs <paramref name="data"/> with this key's TUF scheme.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        ISigner signer = Algorithm switch
        {
            KeyAlgorithm.Ed25519 => new Ed25519Signer(),
            KeyAlgorithm.EcdsaP256 => SignerUtilities.GetSigner("SHA-256withECDSA"),
            _ => new PssSigner(new RsaBlindedEngine(), new Sha256Digest(), new Sha256Digest(), Sha256Length),
        };
        signer.Init(true, Algorithm == KeyAlgorithm.Ed25519 ? _privateKey : new ParametersWithRandom(_privateKey, new SecureRandom()));
        signer.BlockUpdate(data);
        return signer.GenerateSignature();
    }

    private static bool IsP256(ECPrivateKeyParameters key) =>
        key.Parameters.Curve.Equals(Org.BouncyCastle.Asn1.Nist.NistNamedCurves.GetByName("P-256").Curve);

    private static ECPublicKeyParameters EcPublic(ECPrivateKeyParameters key) =>
        new(key.AlgorithmName, key.Parameters.G.Multiply(key.D).Normalize(), key.PublicKeyParamSet ?? throw new KeyFormatException("ECDSA keys must name their curve."));
}
