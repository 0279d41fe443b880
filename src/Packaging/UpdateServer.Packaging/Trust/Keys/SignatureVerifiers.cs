namespace UpdateServer.Packaging.Trust.Keys;

/// <summary>Picks the verifier for a key's (keytype, scheme) pair.</summary>
internal static class SignatureVerifiers
{
    private static readonly Ed25519SignatureVerifier Ed25519 = new();
    private static readonly EcdsaP256SignatureVerifier EcdsaP256 = new();
    private static readonly RsaPssSignatureVerifier RsaPss = new();

    /// <summary>The verifier, or null when the pair is not one the TUF spec defines.</summary>
    public static ISignatureVerifier? For(string keyType, string scheme) => (keyType, scheme) switch
    {
        (KeySchemes.KeyTypeEd25519, KeySchemes.Ed25519) => Ed25519,
        (KeySchemes.KeyTypeEcdsa or KeySchemes.KeyTypeEcdsaP256, KeySchemes.EcdsaP256) => EcdsaP256,
        (KeySchemes.KeyTypeRsa, KeySchemes.RsaPssSha256) => RsaPss,
        _ => null,
    };
}
