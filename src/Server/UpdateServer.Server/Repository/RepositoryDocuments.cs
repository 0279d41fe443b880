using UpdateServer.Packaging.Repository;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.Server.Repository;

/// <summary>
/// The offline-signed files an operator hands the server: root versions, targets, the vendor list. They come from
/// the repository folder at start or from <c>upkg repo push</c> (<see cref="Origin"/>); either way they are imported
/// only when they verify.
/// </summary>
public sealed record RepositoryDocuments(DocumentOrigin Origin, IReadOnlyList<byte[]> Roots, byte[]? Targets, VendorList? Vendors)
{
    /// <summary>Reads <c>root.json</c>, every <c>N.root.json</c>, <c>targets.json</c> and <c>vendors.json</c> of <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidOperationException">The folder or one of its required files is missing or unreadable.</exception>
    public static RepositoryDocuments FromDirectory(string directory)
    {
        string Required(string name)
        {
            var path = Path.Combine(directory, name);
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"{path} is missing (Repository:Directory should be the server folder 'upkg repo init' wrote).");
        }

        var roots = Directory.GetFiles(directory, "*.root.json").Append(Required(ServerRepositoryFiles.Root)).Select(File.ReadAllBytes).ToList();
        VendorList vendors;
        try
        {
            vendors = VendorList.Read(File.ReadAllBytes(Required(ServerRepositoryFiles.Vendors)));
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }

        return new RepositoryDocuments(DocumentOrigin.Folder, roots, File.ReadAllBytes(Required(ServerRepositoryFiles.Targets)), vendors);
    }

    /// <summary>The root files parsed and ordered by version, duplicates (root.json is also N.root.json) removed.</summary>
    /// <exception cref="InvalidOperationException">A file is not root metadata, or two different files claim the same version.</exception>
    public IReadOnlyList<(long Version, byte[] Bytes)> RootsByVersion()
    {
        var byVersion = new SortedDictionary<long, byte[]>();
        foreach (var bytes in Roots)
        {
            long version;
            try
            {
                version = Metadata.FromBytes<RootMetadata>(bytes).Signed.Version;
            }
            catch (MetadataFormatException e)
            {
                throw new InvalidOperationException($"A root file is not valid root metadata: {e.Message}", e);
            }

            // Keeping either one silently would make what is imported depend on the order files are listed in.
            if (byVersion.TryGetValue(version, out var other) && !other.AsSpan().SequenceEqual(bytes))
            {
                throw new InvalidOperationException(
                    $"Two different root files claim version {version}; keep only the one that was signed and committed (root.json and {version}.root.json must be the same file).");
            }

            byVersion[version] = bytes;
        }

        return [.. byVersion.Select(p => (p.Key, p.Value))];
    }
}
