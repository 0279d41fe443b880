using System.Security.Cryptography;
using UpdateServer.Packaging.Packages;

namespace UpdateServer.Updater.Transactions;

/// <summary>
/// Checks a kept version's folder against the manifest it was installed from, file by file (size and SHA-256), before
/// <c>updater rollback</c> switches back to it: a version damaged since is never made current again.
/// </summary>
public static class InstalledVersionCheck
{
    private const string PayloadPrefix = "payload/";

    /// <returns>What differs, empty when every listed file and link is as the manifest says.</returns>
    public static IReadOnlyList<string> Differences(string versionDirectory, PackageManifest manifest)
    {
        var differences = new List<string>();
        foreach (var entry in manifest.Files.Where(f => f.Path.StartsWith(PayloadPrefix, StringComparison.Ordinal)))
        {
            var path = Path.Combine(versionDirectory, entry.Path[PayloadPrefix.Length..]);
            var info = new FileInfo(path);
            if (entry.Type == PackageEntryType.Symlink)
            {
                if (info.LinkTarget != entry.LinkTarget)
                {
                    differences.Add($"{entry.Path}: link differs");
                }

                continue;
            }

            if (!info.Exists || info.LinkTarget is not null || info.Length != entry.Size)
            {
                differences.Add($"{entry.Path}: missing or of another size");
                continue;
            }

            using var stream = info.OpenRead();
            if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(stream)), entry.Sha256, StringComparison.Ordinal))
            {
                differences.Add($"{entry.Path}: SHA-256 differs");
            }
        }

        return differences;
    }
}
