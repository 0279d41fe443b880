using UpdateServer.Packaging.Trust;

namespace UpdateServer.Updater.Updating;

/// <summary>
/// A package kept from an earlier download (download-only, outside the window): used again only when its length and
/// every signed hash still match — checked now, from disk, never assumed.
/// </summary>
public static class DownloadedPackage
{
    public static async Task<bool> IsCompleteAsync(string path, TargetFile target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var file = new FileInfo(path);
        if (!file.Exists || file.Length != target.Length)
        {
            return false;
        }

        var hashers = FileHashes.CreateHashers(target.Hashes);
        try
        {
            await using var stream = file.OpenRead();
            await FileHashes.AppendAsync(stream, hashers, cancellationToken);
            FileHashes.VerifyDigests(path, target.Hashes, hashers, AttackKind.ArbitraryInstallation);
            return true;
        }
        catch (LengthOrHashMismatchException)
        {
            return false;
        }
        finally
        {
            foreach (var hasher in hashers.Values)
            {
                hasher.Dispose();
            }
        }
    }
}
