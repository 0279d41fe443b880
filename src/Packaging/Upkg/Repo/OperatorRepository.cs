using UpdateServer.Packaging;
using UpdateServer.Packaging.Repository;
using UpdateServer.Packaging.Trust;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Repo;

/// <summary>
/// The operator's repository folder as <c>repo init</c> made it: <c>server/</c> (what the server imports),
/// <c>pending/</c> (changes being signed, new API keys included), the API key hand-outs and <c>trusted-root.json</c>.
/// Changes are made in <c>pending/</c>, signed there by each key holder, and moved to <c>server/</c> (API keys to
/// <c>vendor-api-keys/</c>) by <c>repo commit</c> only when every threshold is met.
/// </summary>
public sealed class OperatorRepository
{
    public const string PendingFolder = "pending";
    public const string OperatorKeyFile = "operator-api-key.txt";

    public OperatorRepository(string directory)
    {
        Directory = Path.GetFullPath(directory);
        if (!File.Exists(Path.Combine(ServerDirectory, ServerRepositoryFiles.Root)))
        {
            throw new UpkgException($"{Directory} is not a repository made by 'upkg repo init' (no {RepoInitRunner.ServerFolder}/{ServerRepositoryFiles.Root}).");
        }
    }

    public string Directory { get; }

    public string ServerDirectory => Path.Combine(Directory, RepoInitRunner.ServerFolder);

    public string PendingDirectory => Path.Combine(Directory, PendingFolder);

    public Metadata<RootMetadata> CurrentRoot => Read<RootMetadata>(Path.Combine(ServerDirectory, ServerRepositoryFiles.Root));

    public Metadata<TargetsMetadata> CurrentTargets => Read<TargetsMetadata>(Path.Combine(ServerDirectory, ServerRepositoryFiles.Targets));

    public VendorList CurrentVendors => ReadVendors(Path.Combine(ServerDirectory, ServerRepositoryFiles.Vendors));

    /// <summary>The pending root (<c>pending/N.root.json</c>), or null.</summary>
    public string? PendingRootPath => Pending("root");

    /// <summary>The pending targets (<c>pending/N.targets.json</c>), or null.</summary>
    public string? PendingTargetsPath => Pending("targets");

    public string PendingVendorsPath => Path.Combine(PendingDirectory, ServerRepositoryFiles.Vendors);

    /// <summary>Where new API keys wait for <c>repo commit</c>: handed out only once the vendor list that holds their hashes is committed.</summary>
    public string PendingApiKeyDirectory => Path.Combine(PendingDirectory, RepoInitRunner.ApiKeyFolder);

    public string ApiKeyDirectory => Path.Combine(Directory, RepoInitRunner.ApiKeyFolder);

    /// <summary>The pending root, targets and vendor list files that exist.</summary>
    public IReadOnlyList<string> PendingPaths =>
        [.. new[] { PendingRootPath, PendingTargetsPath, File.Exists(PendingVendorsPath) ? PendingVendorsPath : null }.OfType<string>()];

    /// <summary><paramref name="path"/> relative to the repository folder, with '/' separators, as commands print it.</summary>
    public string RelativePath(string path) => Path.GetRelativePath(Directory, path).Replace('\\', '/');

    /// <summary>The root that new changes build on: the pending one if there is one, else the current one.</summary>
    public Metadata<RootMetadata> WorkingRoot => PendingRootPath is { } pending ? Read<RootMetadata>(pending) : CurrentRoot;

    public Metadata<TargetsMetadata> WorkingTargets => PendingTargetsPath is { } pending ? Read<TargetsMetadata>(pending) : CurrentTargets;

    public VendorList WorkingVendors => File.Exists(PendingVendorsPath) ? ReadVendors(PendingVendorsPath) : CurrentVendors;

    /// <summary>Writes a pending metadata file <c>pending/VERSION.ROLE.json</c>, replacing an earlier pending version of the role.</summary>
    public string WritePending<T>(Metadata<T> metadata, string role) where T : SignedMetadata, ISignedRole<T>
    {
        System.IO.Directory.CreateDirectory(PendingDirectory);
        if (Pending(role) is { } earlier)
        {
            File.Delete(earlier);
        }

        var path = Path.Combine(PendingDirectory, $"{metadata.Signed.Version}.{role}.json");
        DurableFile.WriteAtomically(path, metadata.ToBytes());
        return path;
    }

    /// <summary>Writes <c>pending/vendors.json</c>: <paramref name="vendors"/> as the next version of the committed list.</summary>
    public void WritePendingVendors(IEnumerable<VendorRegistration> vendors)
    {
        System.IO.Directory.CreateDirectory(PendingDirectory);
        DurableFile.WriteAtomically(PendingVendorsPath, new VendorList(CurrentVendors.Version + 1, [.. vendors]).ToBytes());
    }

    /// <summary>Reads a metadata file; every failure names the file.</summary>
    /// <exception cref="UpkgException">Missing, unreadable or not metadata of this type.</exception>
    public static Metadata<T> Read<T>(string path) where T : SignedMetadata, ISignedRole<T>
    {
        try
        {
            return Metadata.FromBytes<T>(File.ReadAllBytes(path));
        }
        catch (MetadataFormatException e)
        {
            throw new UpkgException($"{path}: not valid {T.TypeName} metadata: {e.Message}", e);
        }
        catch (FileNotFoundException e)
        {
            throw new UpkgException($"{path} does not exist.", e);
        }
    }

    private static VendorList ReadVendors(string path)
    {
        try
        {
            return VendorList.Read(File.ReadAllBytes(path));
        }
        catch (FormatException e)
        {
            throw new UpkgException($"{path}: {e.Message}", e);
        }
    }

    private string? Pending(string role) =>
        System.IO.Directory.Exists(PendingDirectory)
            ? System.IO.Directory.GetFiles(PendingDirectory, $"*.{role}.json").SingleOrDefault()
            : null;
}
