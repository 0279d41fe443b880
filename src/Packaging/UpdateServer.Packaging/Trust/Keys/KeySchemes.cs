namespace UpdateServer.Packaging.Trust.Keys;

/// <summary>Key types and signature schemes from the TUF specification's key formats.</summary>
public static class KeySchemes
{
    public const string Ed25519 = "ed25519";
    public const string EcdsaP256 = "ecdsa-sha2-nistp256";
    public const string RsaPssSha256 = "rsassa-pss-sha256";

    public const string KeyTypeEd25519 = "ed25519";
    public const string KeyTypeRsa = "rsa";

    /// <summary>securesystemslib writes "ecdsa"; the specification text names "ecdsa-sha2-nistp256". Both are read.</summary>
    public const string KeyTypeEcdsa = "ecdsa";
    public const string KeyTypeEcdsaP256 = "ecdsa-sha2-nistp256";
}
