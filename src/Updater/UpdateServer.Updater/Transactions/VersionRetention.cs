using NuGet.Versioning;
using UpdateServer.Packaging;
using UpdateServer.Updater.Installing;

namespace UpdateServer.Updater.Transactions;

/// <summary>
/// Keeps the version <c>current</c> points at and the <c>keep</c> newest others (what <c>updater rollback</c> can
/// return to), and removes the rest. A folder is first renamed to <c>.removing-*</c> (atomic) and only then deleted,
/// so a crash mid-delete never leaves a half-deleted version that looks whole; leftovers are removed at the next start.
/// </summary>
public sealed class VersionRetention(InstallLayout layout, int keep, FaultPoints faults)
{
    private const string RemovingPrefix = ".removing-";

    /// <summary>The versions kept besides <c>current</c>, newest first, whose folders and manifests are present.</summary>
    public IReadOnlyList<NuGetVersion> InstalledVersions(string product)
    {
        var versions = Path.Combine(layout.ProductDirectory(product), InstallLayout.VersionsFolder);
        if (!Directory.Exists(versions))
        {
            return [];
        }

        return Directory.GetDirectories(versions)
            .Select(Path.GetFileName)
            .Where(name => !name!.StartsWith('.'))
            .Select(name => NuGetVersion.TryParse(name, out var v) ? v : null)
            .OfType<NuGetVersion>()
            .Where(v => File.Exists(Path.Combine(layout.PackageDirectory(product, v.ToFullString()), Packaging.Packages.PackageManifest.FileName)))
            .OrderByDescending(v => v)
            .ToList();
    }

    /// <summary>Removes versions beyond the kept ones; never the one <c>current</c> points at.</summary>
    public void Prune(string product)
    {
        var current = CurrentLink.Read(layout.ProductDirectory(product));
        var others = InstalledVersions(product).Select(v => v.ToFullString()).Where(v => v != current).ToList();
        foreach (var version in others.Skip(keep))
        {
            Remove(layout.VersionDirectory(product, version));
            Remove(layout.PackageDirectory(product, version));
            faults.Reach($"pruned {product} {version}");
        }
    }

    /// <summary>Deletes what an interrupted removal or install left behind: <c>.removing-*</c> and <c>.staging-*</c> folders.</summary>
    public void RemoveLeftovers(string product)
    {
        var productDirectory = layout.ProductDirectory(product);
        foreach (var folder in new[] { productDirectory, Path.Combine(productDirectory, InstallLayout.VersionsFolder),
            Path.Combine(productDirectory, InstallLayout.PackagesFolder) })
        {
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var leftover in Directory.GetDirectories(folder).Where(d =>
                Path.GetFileName(d).StartsWith(RemovingPrefix, StringComparison.Ordinal) || Path.GetFileName(d).StartsWith(".staging-", StringComparison.Ordinal)))
            {
                Directory.Delete(leftover, recursive: true);
            }
        }
    }

    /// <summary>Renames <paramref name="folder"/> out of sight, flushes the rename, then deletes it.</summary>
    public static void Remove(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        var parent = Path.GetDirectoryName(folder)!;
        var doomed = Path.Combine(parent, $"{RemovingPrefix}{Path.GetFileName(folder)}-{Guid.NewGuid():N}");
        Directory.Move(folder, doomed);
        DurableFile.FlushDirectory(parent);
        Directory.Delete(doomed, recursive: true);
    }
}
