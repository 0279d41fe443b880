using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Keys;

/// <summary>
/// Key files as <c>upkg</c> reads and writes them: private keys as unencrypted PKCS#8 PEM (<c>NAME.key</c>), public
/// keys as TUF key JSON (<c>NAME.pub.json</c>) or, for ECDSA and RSA, a PEM "PUBLIC KEY". Every failure names the file.
/// </summary>
public static class KeyFiles
{
    /// <summary>The largest key file read; real ones are a few KiB.</summary>
    private const int MaxKeyFileBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,

        // PEM values hold '+' and '/'; keep them readable in the file.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The private key file of a keygen prefix: <c>PREFIX.key</c>.</summary>
    public static string PrivateKeyPath(string prefix) => prefix + ".key";

    /// <summary>The public key file of a keygen prefix: <c>PREFIX.pub.json</c>.</summary>
    public static string PublicKeyPath(string prefix) => prefix + ".pub.json";

    /// <summary>Reads a private signing key.</summary>
    /// <exception cref="UpkgException">The file is missing, unreadable or not a supported private key.</exception>
    public static SigningKey ReadSigningKey(string path)
    {
        var text = ReadText(path, "private key");
        try
        {
            return SigningKey.FromPem(text);
        }
        catch (KeyFormatException e)
        {
            throw new UpkgException($"{path}: not a usable private key: {e.Message}", e);
        }
    }

    /// <summary>Reads a public key: TUF key JSON when the file starts with <c>{</c>, otherwise a PEM public key.</summary>
    /// <exception cref="UpkgException">The file is missing, unreadable or not a supported public key.</exception>
    public static TufKey ReadPublicKey(string path)
    {
        var text = ReadText(path, "public key");
        try
        {
            if (!text.TrimStart().StartsWith('{'))
            {
                return PemPublicKey.ToTufKey(text);
            }

            var key = TufKey.FromJson(JsonNode.Parse(text));
            return IsSupported(key)
                ? key
                : throw new UpkgException($"{path}: key type \"{key.KeyType}\" with scheme \"{key.Scheme}\" is not supported.");
        }
        catch (Exception e) when (e is KeyFormatException or MetadataFormatException or JsonException)
        {
            throw new UpkgException($"{path}: not a usable public key: {e.Message}", e);
        }
    }

    /// <summary>The bytes of a <c>.pub.json</c> file: the key's TUF JSON, indented, with a final newline.</summary>
    public static byte[] PublicKeyJson(TufKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Encoding.UTF8.GetBytes(key.ToJson().ToJsonString(Indented) + "\n");
    }

    /// <summary>True for the key types and schemes UpdateServer verifies; a key of any other kind could never sign.</summary>
    private static bool IsSupported(TufKey key) => (key.KeyType, key.Scheme) switch
    {
        (KeySchemes.KeyTypeEd25519, KeySchemes.Ed25519) => true,
        (KeySchemes.KeyTypeEcdsa or KeySchemes.KeyTypeEcdsaP256, KeySchemes.EcdsaP256) => true,
        (KeySchemes.KeyTypeRsa, KeySchemes.RsaPssSha256) => true,
        _ => false,
    };

    private static string ReadText(string path, string what)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new UpkgException($"{path}: {what} file not found.");
            }

            if (info.Length > MaxKeyFileBytes)
            {
                throw new UpkgException($"{path}: too large for a {what} file.");
            }

            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UpkgException($"{path}: cannot read the {what} file: {e.Message}", e);
        }
    }
}
