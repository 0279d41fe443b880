using System.Security.Cryptography;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Packaging.Tests.Trust;

public class KeyTests
{
    private static readonly byte[] Message = "{\"_type\":\"timestamp\"}"u8.ToArray();

    [Fact]
    public void ComputesKeyIdAsTheSpecExampleDoes()
    {
        // The root.json example of the TUF specification lists this key under this keyid.
        var key = TufKey.Create("ed25519", "ed25519", "72378e5bc588793e58f81c8533da64a2e8f1565c1fcc7f253496394ffc52542c");

        Assert.Equal("1bf1c6e3cdd3d3a8420b19199e27511999850f4b376c4547b2f32fba7e80fca3", key.KeyId);
    }

    [Fact]
    public void AcceptsLegacyKeyIdsThatHashedExtraFieldsButNoOtherAlias()
    {
        var json = TufKey.Create("ed25519", "ed25519", "72378e5bc588793e58f81c8533da64a2e8f1565c1fcc7f253496394ffc52542c").ToJson();
        json["keyid_hash_algorithms"] = new System.Text.Json.Nodes.JsonArray("sha256", "sha512");
        var key = TufKey.FromJson(json);

        Assert.True(key.IsIdentifiedBy("1bf1c6e3cdd3d3a8420b19199e27511999850f4b376c4547b2f32fba7e80fca3"));
        Assert.True(key.IsIdentifiedBy("506a349b85945d0d99c7289c3f0f1f6c550218089d1d38a3f64824db31e827ac"));
        Assert.False(key.IsIdentifiedBy(new string('a', 64)));
    }

    [Fact]
    public void VerifiesRfc8032Ed25519TestVector()
    {
        // RFC 8032 section 7.1, TEST 1 (empty message).
        var key = TufKey.Create("ed25519", "ed25519", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        var signature = Convert.FromHexString(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

        Assert.True(key.Verify([], signature));
        Assert.False(key.Verify([0], signature));
    }

    [Theory]
    [InlineData(KeyAlgorithm.Ed25519, "ed25519", "ed25519")]
    [InlineData(KeyAlgorithm.EcdsaP256, "ecdsa", "ecdsa-sha2-nistp256")]
    [InlineData(KeyAlgorithm.RsaPss, "rsa", "rsassa-pss-sha256")]
    public void SignsAndVerifiesWithEachKeyType(KeyAlgorithm algorithm, string keyType, string scheme)
    {
        var key = SigningKey.Generate(algorithm);

        var signature = key.Sign(Message);

        Assert.Equal(keyType, key.PublicKey.KeyType);
        Assert.Equal(scheme, key.PublicKey.Scheme);
        Assert.True(key.PublicKey.Verify(Message, signature));
    }

    [Theory]
    [InlineData(KeyAlgorithm.Ed25519)]
    [InlineData(KeyAlgorithm.EcdsaP256)]
    [InlineData(KeyAlgorithm.RsaPss)]
    public void RejectsChangedMessageChangedSignatureAndOtherKey(KeyAlgorithm algorithm)
    {
        var key = SigningKey.Generate(algorithm);
        var other = SigningKey.Generate(algorithm);
        var signature = key.Sign(Message);
        var changed = (byte[])Message.Clone();
        changed[^2] ^= 1;
        var badSignature = (byte[])signature.Clone();
        badSignature[badSignature.Length / 2] ^= 1;

        Assert.False(key.PublicKey.Verify(changed, signature));
        Assert.False(key.PublicKey.Verify(Message, badSignature));
        Assert.False(other.PublicKey.Verify(Message, signature));
        Assert.False(key.PublicKey.Verify(Message, []));
    }

    [Theory]
    [InlineData(KeyAlgorithm.Ed25519)]
    [InlineData(KeyAlgorithm.EcdsaP256)]
    [InlineData(KeyAlgorithm.RsaPss)]
    public void RoundTripsPrivateKeyThroughPem(KeyAlgorithm algorithm)
    {
        var key = SigningKey.Generate(algorithm);

        var loaded = SigningKey.FromPem(key.ToPem());

        Assert.Equal(key.KeyId, loaded.KeyId);
        Assert.True(key.PublicKey.Verify(Message, loaded.Sign(Message)));
    }

    [Theory]
    [InlineData(DSASignatureFormat.Rfc3279DerSequence)]
    [InlineData(DSASignatureFormat.IeeeP1363FixedFieldConcatenation)]
    public void VerifiesEcdsaSignaturesFromAnIndependentImplementation(DSASignatureFormat format)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = TufKey.Create("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256", ecdsa.ExportSubjectPublicKeyInfoPem());

        var signature = ecdsa.SignData(Message, HashAlgorithmName.SHA256, format);

        Assert.True(key.Verify(Message, signature));
    }

    [Fact]
    public void VerifiesRsaPssSignaturesFromAnIndependentImplementation()
    {
        using var rsa = RSA.Create(2048);
        var key = TufKey.Create("rsa", "rsassa-pss-sha256", rsa.ExportSubjectPublicKeyInfoPem());

        var signature = rsa.SignData(Message, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);

        Assert.True(key.Verify(Message, signature));
    }

    [Fact]
    public void RejectsRsaKeysShorterThan2048Bits()
    {
        using var rsa = RSA.Create(1024);
        var key = TufKey.Create("rsa", "rsassa-pss-sha256", rsa.ExportSubjectPublicKeyInfoPem());

        var signature = rsa.SignData(Message, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);

        Assert.False(key.Verify(Message, signature));
    }

    [Fact]
    public void RejectsEcdsaKeyOnAnotherCurve()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var key = TufKey.Create("ecdsa", "ecdsa-sha2-nistp256", ecdsa.ExportSubjectPublicKeyInfoPem());

        Assert.False(key.Verify(Message, ecdsa.SignData(Message, HashAlgorithmName.SHA256)));
    }

    [Theory]
    [InlineData("ed25519", "ed25519", "not hex")]
    [InlineData("ed25519", "ed25519", "abcd")]
    [InlineData("rsa", "rsassa-pss-sha256", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")]
    [InlineData("ecdsa", "ecdsa-sha2-nistp256", "garbage")]
    [InlineData("unknown", "mystery-scheme", "00")]
    [InlineData("ed25519", "rsassa-pss-sha256", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")]
    public void TreatsUnusableKeysAsNeverVerifying(string keyType, string scheme, string publicValue)
    {
        var key = TufKey.Create(keyType, scheme, publicValue);

        Assert.False(key.Verify(Message, new byte[64]));
    }

    [Fact]
    public void RefusesPublicPemAsPrivateKey()
    {
        var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);

        Assert.Throws<KeyFormatException>(() => SigningKey.FromPem(key.PublicKey.PublicValue));
    }
}
