using UpdateServer.Packaging;
using UpdateServer.Packaging.Canonical;
using UpdateServer.Packaging.Trust;
using UpdateServer.Upkg.Cli;
using UpdateServer.Upkg.Keys;

namespace UpdateServer.Upkg.Repo;

/// <summary>
/// Adds one key holder's signature to a pending root or targets file, in place. Key holders can each run it on
/// their own machine, passing the file along, so a 2-of-3 root is signed without keys ever meeting.
/// </summary>
public static class RepoSignRunner
{
    /// <exception cref="UpkgException">The file is not root or targets metadata, or the key is not one of the keys that may sign it.</exception>
    public static RepoChangeResult Run(string file, string keyFile, string? repositoryDirectory)
    {
        var key = KeyFiles.ReadSigningKey(keyFile);
        var type = TypeOf(file);
        var repository = repositoryDirectory is not null ? new OperatorRepository(repositoryDirectory) : FindRepository(file);
        if (type == RoleNames.Root)
        {
            var root = OperatorRepository.Read<RootMetadata>(file);
            var current = repository?.CurrentRoot.Signed;
            RequireEntitled(key.KeyId, RoleNames.Root, root.Signed, current);
            DurableFile.WriteAtomically(file, root.Sign(key).ToBytes());
        }
        else
        {
            var targets = OperatorRepository.Read<TargetsMetadata>(file);
            var under = repository?.WorkingRoot.Signed;
            RequireEntitled(key.KeyId, RoleNames.Targets, under, null);
            DurableFile.WriteAtomically(file, targets.Sign(key).ToBytes());
        }

        return repository is null ? new RepoChangeResult([file], []) : RepoChangeResult.Describe(repository, [file]);
    }

    private static void RequireEntitled(string keyId, string role, RootMetadata? root, RootMetadata? other)
    {
        if (root is null)
        {
            return;
        }

        if (!root.RoleFor(role).KeyIds.Contains(keyId) && other?.RoleFor(role).KeyIds.Contains(keyId) != true)
        {
            throw new UpkgException($"key {keyId[..12]}… is not a {role} key of this repository; its signature would not count.");
        }
    }

    private static string TypeOf(string file)
    {
        try
        {
            var signed = StrictJson.ParseObject(File.ReadAllBytes(file))["signed"]?["_type"]?.GetValue<string>();
            return signed is RoleNames.Root or RoleNames.Targets
                ? signed
                : throw new UpkgException($"{file}: only root and targets metadata are signed offline, not \"{signed}\".");
        }
        catch (Exception e) when (e is CanonicalJsonException or InvalidOperationException or FormatException)
        {
            throw new UpkgException($"{file}: not a metadata file: {e.Message}", e);
        }
    }

    /// <summary>A file in <c>DIR/pending/</c> belongs to the repository <c>DIR</c>.</summary>
    private static OperatorRepository? FindRepository(string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        return folder is not null && Path.GetFileName(folder) == OperatorRepository.PendingFolder
            && File.Exists(Path.Combine(Path.GetDirectoryName(folder)!, RepoInitRunner.ServerFolder, Packaging.Repository.ServerRepositoryFiles.Root))
            ? new OperatorRepository(Path.GetDirectoryName(folder)!)
            : null;
    }
}
