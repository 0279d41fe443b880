using System.Formats.Tar;
using UpdateServer.Packaging.Packages;

namespace UpdateServer.Packaging.Bundles;

/// <summary>
/// Writes an offline bundle: one uncompressed POSIX tar (targets are compressed packages already) with the index first,
/// then metadata files and targets, each group in ordinal name order, every header with time 0, owner 0 and mode 0644.
/// The same inputs give the same bytes.
/// </summary>
public static class BundleWriter
{
    /// <summary>Writes to <paramref name="outputPath"/> through a temporary file renamed into place when complete.</summary>
    /// <param name="outputPath">The bundle file; replaced when it exists.</param>
    /// <param name="index">The releases' target paths.</param>
    /// <param name="metadata">Metadata file name (as fetched, e.g. <c>4.snapshot.json</c>) to its bytes.</param>
    /// <param name="targets">Target URL relative to the targets base to the local file holding its bytes.</param>
    /// <param name="cancellationToken">Cancels the write; the partial file is deleted.</param>
    /// <exception cref="BundleFormatException">A name is not allowed in a bundle.</exception>
    public static async Task WriteAsync(string outputPath, BundleIndex index, IReadOnlyDictionary<string, byte[]> metadata,
        IReadOnlyDictionary<string, string> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(targets);
        var names = metadata.Keys.Select(n => BundleLayout.MetadataFolder + n).Concat(targets.Keys.Select(u => BundleLayout.TargetsFolder + u));
        if (names.FirstOrDefault(n => !BundleLayout.IsValidEntryName(n)) is { } bad)
        {
            throw new BundleFormatException($"\"{bad}\" cannot be stored in a bundle.");
        }

        var partial = outputPath + ".partial";
        try
        {
            var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                var normalizer = new PaxHeaderNameNormalizer(file);
                await using (normalizer.ConfigureAwait(false))
                {
                    var tar = new TarWriter(normalizer, TarEntryFormat.Pax, leaveOpen: true);
                    await using (tar.ConfigureAwait(false))
                    {
                        await WriteAsync(tar, BundleLayout.IndexName, new MemoryStream(index.ToBytes(), writable: false), cancellationToken).ConfigureAwait(false);
                        foreach (var (name, bytes) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
                        {
                            await WriteAsync(tar, BundleLayout.MetadataFolder + name, new MemoryStream(bytes, writable: false), cancellationToken).ConfigureAwait(false);
                        }

                        foreach (var (url, path) in targets.OrderBy(t => t.Key, StringComparer.Ordinal))
                        {
                            var data = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
                            await using (data.ConfigureAwait(false))
                            {
                                await WriteAsync(tar, BundleLayout.TargetsFolder + url, data, cancellationToken).ConfigureAwait(false);
                            }
                        }
                    }
                }

                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(partial, outputPath, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    private static Task WriteAsync(TarWriter tar, string name, Stream data, CancellationToken cancellationToken)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            ModificationTime = DateTimeOffset.UnixEpoch,
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            Uid = 0,
            Gid = 0,
            UserName = string.Empty,
            GroupName = string.Empty,
            DataStream = data,
        };
        return tar.WriteEntryAsync(entry, cancellationToken);
    }
}
