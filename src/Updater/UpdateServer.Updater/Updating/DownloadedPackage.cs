using UpdateServer.Packaging.Trust;

namespace UpdateServer.Updater.Updating;

/// <summary>
/// A package kept from an earlier download (download-only, outside the window): used again only when its length and
/// every signed hash still match — checked now, from disk, never assumed.
/// </summary>
public static class DownloadedPackage
{
    public static bool IsComplete(string path, TargetFile target)
    {
        var file = new FileInfo(path);
        if (!file.Exists || file.Length != target.Length)
        {
            return false;
        }

        var hashers = FileHashes.CreateHashers(target.Hashes);
        try
        {
            using var stream = file.OpenRead();
            var buffer = new byte[1 << 16];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                foreach (var hasher in hashers.Values)
                {
                    hasher.AppendData(buffer, 0, read);
                }
            }

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
