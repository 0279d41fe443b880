namespace UpdateServer.Upkg.Repo;

/// <summary>What a repository change wrote and which signatures the pending files still need.</summary>
public sealed record RepoChangeResult(IReadOnlyList<string> Files, IReadOnlyList<PendingFile> Pending)
{
    public static RepoChangeResult Describe(OperatorRepository repository, IReadOnlyList<string> written) =>
        new([.. written.Select(repository.RelativePath)], PendingFile.List(repository));
}
