using System.Formats.Tar;
using UpdateServer.Packaging.Trust.Client;

namespace UpdateServer.Packaging.Bundles;

/// <summary>
/// An offline bundle extracted into a private temporary folder, read through <see cref="Transport"/> like any mirror:
/// nothing in it is trusted until the TUF client verified it. Disposing deletes the folder.
/// </summary>
public sealed class OfflineBundle : IDisposable
{
    private OfflineBundle(string folder, BundleIndex index)
    {
        Folder = folder;
        Index = index;
        Transport = new DirectoryRepositoryTransport(folder);
    }

    /// <summary>The temporary folder holding <c>metadata/</c> and <c>targets/</c>.</summary>
    public string Folder { get; }

    /// <summary>The unsigned list of the bundle's target paths (where to look, not what to trust).</summary>
    public BundleIndex Index { get; }

    /// <summary>Serves the bundle's files to a <see cref="TufClient"/>.</summary>
    public IRepositoryTransport Transport { get; }

    /// <summary>
    /// Extracts <paramref name="bundlePath"/> into a new folder under <paramref name="workDirectory"/>. Only regular files
    /// with names of <see cref="BundleLayout"/> are accepted, each once, within <paramref name="limits"/>.
    /// </summary>
    /// <exception cref="BundleFormatException">Not a bundle, or it breaks a limit; nothing is left behind.</exception>
    /// <exception cref="IOException">The bundle cannot be read or the folder written.</exception>
    public static async Task<OfflineBundle> OpenAsync(string bundlePath, string workDirectory, BundleLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Directory.CreateDirectory(workDirectory);
        var folder = Path.Combine(workDirectory, $"bundle-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var index = await ExtractAsync(bundlePath, folder, limits, cancellationToken).ConfigureAwait(false);
            return new OfflineBundle(folder, index);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    private static async Task<BundleIndex> ExtractAsync(string bundlePath, string folder, BundleLimits limits, CancellationToken cancellationToken)
    {
        var input = new FileStream(bundlePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (input.ConfigureAwait(false))
        {
            var reader = new TarReader(input, leaveOpen: true);
            await using (reader.ConfigureAwait(false))
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                long total = 0;
                byte[]? index = null;
                while (await NextAsync(reader, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    if (seen.Count >= limits.MaxEntries)
                    {
                        throw new BundleFormatException($"the bundle holds more than {limits.MaxEntries} entries.");
                    }

                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                    {
                        throw new BundleFormatException($"\"{entry.Name}\" is a {entry.EntryType}; a bundle holds regular files only.");
                    }

                    if (!BundleLayout.IsValidEntryName(entry.Name) || !seen.Add(entry.Name))
                    {
                        throw new BundleFormatException($"\"{entry.Name}\" is not an allowed entry name, or appears twice.");
                    }

                    var cap = entry.Name.StartsWith(BundleLayout.TargetsFolder, StringComparison.Ordinal) ? limits.MaxTargetBytes : limits.MaxMetadataBytes;
                    total += entry.Length;
                    if (entry.Length > cap || total > limits.MaxTotalBytes)
                    {
                        throw new BundleFormatException($"\"{entry.Name}\" ({entry.Length} bytes) is beyond the bundle's size limits.");
                    }

                    if (entry.Name == BundleLayout.IndexName)
                    {
                        using var buffer = new MemoryStream();
                        await CopyAsync(entry, buffer, cancellationToken).ConfigureAwait(false);
                        index = buffer.ToArray();
                        continue;
                    }

                    // Names are checked above (no "..", no absolute paths) and the folder is new and holds no links.
                    var path = Path.Combine(folder, entry.Name.Replace('/', Path.DirectorySeparatorChar));
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
                    await using (output.ConfigureAwait(false))
                    {
                        await CopyAsync(entry, output, cancellationToken).ConfigureAwait(false);
                    }
                }

                return BundleIndex.Read(index ?? throw new BundleFormatException($"the file has no {BundleLayout.IndexName}; it is not an offline bundle."), limits);
            }
        }
    }

    private static async Task<TarEntry?> NextAsync(TarReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or EndOfStreamException)
        {
            throw new BundleFormatException($"the file is not a readable bundle: {e.Message}", e);
        }
    }

    private static async Task CopyAsync(TarEntry entry, Stream output, CancellationToken cancellationToken)
    {
        if (entry.DataStream is { } data)
        {
            try
            {
                await data.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            }
            catch (EndOfStreamException e)
            {
                throw new BundleFormatException($"\"{entry.Name}\" is cut short: {e.Message}", e);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
