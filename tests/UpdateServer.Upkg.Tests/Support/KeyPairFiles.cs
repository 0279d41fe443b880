using System.Text;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Upkg.Keys;

namespace UpdateServer.Upkg.Tests.Support;

/// <summary>A key pair written as <c>upkg keygen</c> writes it: <c>NAME.key</c> and <c>NAME.pub.json</c>.</summary>
public sealed record KeyPairFiles(SigningKey Key, string PrivateKeyPath, string PublicKeyPath)
{
    public static KeyPairFiles Create(TempFolder folder, string name, KeyAlgorithm algorithm = KeyAlgorithm.Ed25519)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var key = SigningKey.Generate(algorithm);
        var prefix = folder[name];
        File.WriteAllText(prefix + ".key", key.ToPem(), Encoding.ASCII);
        File.WriteAllBytes(prefix + ".pub.json", KeyFiles.PublicKeyJson(key.PublicKey));
        return new KeyPairFiles(key, prefix + ".key", prefix + ".pub.json");
    }
}
