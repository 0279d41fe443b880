using System.Text;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Keys;

/// <summary>
/// Creates a signing key pair. The private key file is created with mode 0600 (owner only) on Unix; neither file
/// ever replaces an existing one.
/// </summary>
public static class KeygenRunner
{
    /// <exception cref="UpkgException">Either file exists already, or cannot be written.</exception>
    public static KeygenResult Run(KeygenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var privatePath = KeyFiles.PrivateKeyPath(options.OutPrefix);
        var publicPath = KeyFiles.PublicKeyPath(options.OutPrefix);
        OutputFiles.RequireAbsent(privatePath, publicPath);

        var key = SigningKey.Generate(options.Algorithm);
        var folder = Path.GetDirectoryName(Path.GetFullPath(privatePath))!;
        try
        {
            Directory.CreateDirectory(folder);
            OutputFiles.CreateSecret(privatePath, Encoding.ASCII.GetBytes(key.ToPem()));
            var complete = false;
            try
            {
                OutputFiles.Create(publicPath, KeyFiles.PublicKeyJson(key.PublicKey));
                complete = true;
            }
            finally
            {
                if (!complete)
                {
                    // A private key without its public half is useless and risky to leave behind.
                    File.Delete(privatePath);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UpkgException($"cannot write the key files {privatePath} and {publicPath}: {e.Message}", e);
        }

        return new KeygenResult(key.KeyId, KeyAlgorithmNames.NameOf(options.Algorithm), privatePath, publicPath);
    }
}
