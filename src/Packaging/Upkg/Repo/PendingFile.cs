using UpdateServer.Packaging.Trust;

namespace UpdateServer.Upkg.Repo;

/// <summary>A pending metadata file and its signature counts against every threshold it must meet.</summary>
public sealed record PendingFile(string File, string Role, long Version, IReadOnlyList<MetadataSignatures> Signatures)
{
    public bool Complete => Signatures.All(s => s.Met);

    public static IReadOnlyList<PendingFile> List(OperatorRepository repository)
    {
        var files = new List<PendingFile>();
        var current = repository.CurrentRoot.Signed;
        var root = current;
        if (repository.PendingRootPath is { } rootPath)
        {
            var pending = OperatorRepository.Read<RootMetadata>(rootPath);
            root = pending.Signed;
            files.Add(new PendingFile(Relative(repository, rootPath), RoleNames.Root, pending.Signed.Version, MetadataSignatures.ForRoot(pending, current)));
        }

        if (repository.PendingTargetsPath is { } targetsPath)
        {
            var pending = OperatorRepository.Read<TargetsMetadata>(targetsPath);
            files.Add(new PendingFile(Relative(repository, targetsPath), RoleNames.Targets, pending.Signed.Version, MetadataSignatures.ForTargets(pending, root)));
        }

        return files;
    }

    private static string Relative(OperatorRepository repository, string path) => Path.GetRelativePath(repository.Directory, path).Replace('\\', '/');
}
