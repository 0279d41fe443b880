using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Upkg.Keys;

/// <summary>The command-line names of the key algorithms: <c>ed25519</c> (default), <c>ecdsa-p256</c>, <c>rsa-pss</c>.</summary>
public static class KeyAlgorithmNames
{
    public const string Ed25519 = "ed25519";
    public const string EcdsaP256 = "ecdsa-p256";
    public const string RsaPss = "rsa-pss";

    public static IReadOnlyList<string> All { get; } = [Ed25519, EcdsaP256, RsaPss];

    /// <exception cref="ArgumentOutOfRangeException">Not one of <see cref="All"/>.</exception>
    public static KeyAlgorithm Parse(string name) => name switch
    {
        Ed25519 => KeyAlgorithm.Ed25519,
        EcdsaP256 => KeyAlgorithm.EcdsaP256,
        RsaPss => KeyAlgorithm.RsaPss,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a key algorithm name."),
    };

    public static string NameOf(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Ed25519 => Ed25519,
        KeyAlgorithm.EcdsaP256 => EcdsaP256,
        KeyAlgorithm.RsaPss => RsaPss,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not a key algorithm."),
    };
}
