using UpdateServer.Packaging.Trust;

namespace UpdateServer.Upkg.Repo;

/// <summary>
/// A pending file and its signature counts against every threshold it must meet: root and targets metadata, and the
/// vendor list (<c>vendors.json</c>, which needs no signature but is just as much an uncommitted change).
/// </summary>
public sealed record PendingFile(string File, string Role, long Version, IReadOnlyList<MetadataSignatures> Signatures)
{
    /// <summary>The <see cref="Role"/> of a pending vendor list.</summary>
    public const string VendorListRole = "vendors";

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
            files.Add(new PendingFile(repository.RelativePath(rootPath), RoleNames.Root, pending.Signed.Version, MetadataSignatures.ForRoot(pending, current)));
        }

        if (repository.PendingTargetsPath is { } targetsPath)
        {
            var pending = OperatorRepository.Read<TargetsMetadata>(targetsPath);
            files.Add(new PendingFile(repository.RelativePath(targetsPath), RoleNames.Targets, pending.Signed.Version, MetadataSignatures.ForTargets(pending, root)));
        }

        if (System.IO.File.Exists(repository.PendingVendorsPath))
        {
            files.Add(new PendingFile(repository.RelativePath(repository.PendingVendorsPath), VendorListRole, repository.WorkingVendors.Version, []));
        }

        return files;
    }
}
