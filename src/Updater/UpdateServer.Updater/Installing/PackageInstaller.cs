using UpdateServer.Packaging;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Packages;

namespace UpdateServer.Updater.Installing;

/// <summary>
/// Installs a downloaded, TUF-verified package: extracts it safely into a staging folder, checks its manifest
/// against the signed release facts, moves the payload to <c>versions/&lt;version&gt;/</c> and switches
/// <c>current</c> atomically. Until the switch nothing the running version uses is touched; a failure before it
/// removes the staging folder and leaves the machine as it was.
/// </summary>
public sealed class PackageInstaller(InstallLayout layout)
{
    /// <exception cref="PackageException">The archive is malformed or unsafe.</exception>
    /// <exception cref="PackageFactsMismatchException">The manifest names another product, version or kind.</exception>
    public async Task InstallAsync(ReleaseFacts facts, string packagePath, CancellationToken cancellationToken)
    {
        var productDirectory = layout.ProductDirectory(facts.Product);
        var version = facts.Version.ToFullString();
        Directory.CreateDirectory(productDirectory);
        var staging = Path.Combine(productDirectory, $".staging-{Guid.NewGuid():N}");
        try
        {
            PackageManifest manifest;
            await using (var package = File.OpenRead(packagePath))
            {
                manifest = await PackageExtractor.ExtractAsync(package, staging, cancellationToken);
            }

            CheckAgreement(facts, manifest);
            var versionDirectory = layout.VersionDirectory(facts.Product, version);
            var packageDirectory = layout.PackageDirectory(facts.Product, version);
            if (CurrentLink.Read(productDirectory) == version)
            {
                // A power cut after the switch but before the state was saved: the version is in place already.
                return;
            }

            // A folder left by an install that never switched to it is not in use: replace it.
            DeleteIfPresent(versionDirectory);
            DeleteIfPresent(packageDirectory);
            Directory.CreateDirectory(Path.GetDirectoryName(versionDirectory)!);
            Directory.CreateDirectory(packageDirectory);

            var payload = Path.Combine(staging, "payload");
            if (Directory.Exists(payload))
            {
                Directory.Move(payload, versionDirectory);
            }
            else
            {
                Directory.CreateDirectory(versionDirectory);
            }

            var hooks = Path.Combine(staging, "hooks");
            if (Directory.Exists(hooks))
            {
                Directory.Move(hooks, Path.Combine(packageDirectory, "hooks"));
            }

            DurableFile.WriteAtomically(Path.Combine(packageDirectory, PackageManifest.FileName), manifest.ToUtf8Bytes());
            DurableFile.FlushDirectory(Path.GetDirectoryName(versionDirectory)!);
            CurrentLink.Switch(productDirectory, version);
        }
        finally
        {
            DeleteIfPresent(staging);
        }
    }

    /// <summary>Removes staging folders an interrupted install left behind (nothing ever points into them).</summary>
    public static void RemoveAbandonedStaging(InstallLayout layout, IEnumerable<string> products)
    {
        foreach (var product in products)
        {
            var directory = layout.ProductDirectory(product);
            if (Directory.Exists(directory))
            {
                foreach (var staging in Directory.GetDirectories(directory, ".staging-*"))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
        }
    }

    private static void CheckAgreement(ReleaseFacts facts, PackageManifest manifest)
    {
        if (ManifestAgreement.Differences(facts, manifest) is { Count: > 0 } differences)
        {
            throw new PackageFactsMismatchException($"The package disagrees with its signed target: {string.Join("; ", differences)}.");
        }
    }

    private static void DeleteIfPresent(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
