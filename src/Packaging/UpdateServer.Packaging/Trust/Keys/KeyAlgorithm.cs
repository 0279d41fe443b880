namespace UpdateServer.Packaging.Trust.Keys;

/// <summary>Algorithms <see cref="SigningKey"/> can generate and sign with.</summary>
public enum KeyAlgorithm
{
    /// <summary>The default for every key UpdateServer creates.</summary>
    Ed25519,

    EcdsaP256,

    /// <summary>RSA 3072 with RSASSA-PSS/SHA-256.</summary>
    RsaPss,
}
