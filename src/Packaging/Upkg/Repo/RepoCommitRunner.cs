using UpdateServer.Packaging;
using UpdateServer.Packaging.Repository;
using UpdateServer.Packaging.Trust;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Repo;

/// <summary>
/// Moves the pending root, targets and vendor list into <c>server/</c> once every threshold is met: a new root must
/// be signed by a threshold of the current root's keys and of its own (TUF spec 5.3.4) with the next version, and
/// targets by a threshold of the targets keys of the root it will live under; the vendor list must be the next
/// version. New API keys move to <c>vendor-api-keys/</c> only after the vendor list holding their hashes is written.
/// Everything is checked before the first file is written.
/// </summary>
public sealed class RepoCommitRunner(TimeProvider time)
{
    /// <exception cref="UpkgException">Nothing is pending, or a pending file misses a threshold or its version is not the next.</exception>
    public RepoChangeResult Run(string repositoryDirectory)
    {
        var repository = new OperatorRepository(repositoryDirectory);
        var pending = PendingFile.List(repository);
        if (pending.Count == 0)
        {
            throw new UpkgException("nothing is pending; prepare a change with 'upkg repo rotate' or 'upkg repo vendor' first.");
        }

        if (pending.FirstOrDefault(p => !p.Complete) is { } unsigned)
        {
            var missing = unsigned.Signatures.First(s => !s.Met);
            throw new UpkgException($"{unsigned.File} has {missing.Valid} of the {missing.Threshold} {missing.Role} signatures it needs from the {missing.Against}; sign it with 'upkg repo sign'.");
        }

        var currentRoot = repository.CurrentRoot;
        var root = currentRoot.Signed;
        byte[]? rootBytes = null;
        if (repository.PendingRootPath is { } rootPath)
        {
            rootBytes = File.ReadAllBytes(rootPath);
            try
            {
                // Exactly the check every client makes on this file (5.3.4, 5.3.5).
                var chain = new TrustedMetadataSet(currentRoot.ToBytes(), time.GetUtcNow());
                root = chain.UpdateRoot(rootBytes).Signed;
            }
            catch (EqualVersionException e)
            {
                throw new UpkgException($"{rootPath} holds the current root version.", e);
            }
            catch (TufException e)
            {
                throw new UpkgException($"{rootPath} is not a valid next root: {e.Message}", e);
            }
        }

        byte[]? targetsBytes = null;
        if (repository.PendingTargetsPath is { } targetsPath)
        {
            targetsBytes = File.ReadAllBytes(targetsPath);
            var targets = OperatorRepository.Read<TargetsMetadata>(targetsPath);
            if (targets.Signed.Version != repository.CurrentTargets.Signed.Version + 1)
            {
                throw new UpkgException($"{targetsPath} has version {targets.Signed.Version}; the next targets version is {repository.CurrentTargets.Signed.Version + 1}.");
            }
        }
        else if (rootBytes is not null)
        {
            // A root that changes the targets keys would orphan the current targets.json.
            try
            {
                repository.CurrentTargets.VerifySignedBy(RoleNames.Targets, root.Keys, root.RoleFor(RoleNames.Targets));
            }
            catch (SignatureThresholdNotMetException e)
            {
                throw new UpkgException($"the new root's targets keys have not signed targets.json ({e.Message}); prepare and sign a new targets version.", e);
            }
        }

        var vendorsPending = File.Exists(repository.PendingVendorsPath);
        if (vendorsPending && repository.WorkingVendors.Version != repository.CurrentVendors.Version + 1)
        {
            throw new UpkgException(
                $"{repository.PendingVendorsPath} has version {repository.WorkingVendors.Version}; the next vendor list version is {repository.CurrentVendors.Version + 1}.");
        }

        var written = new List<string>();
        if (rootBytes is not null)
        {
            written.Add(Write(Path.Combine(repository.ServerDirectory, $"{root.Version}.root.json"), rootBytes));
            written.Add(Write(Path.Combine(repository.ServerDirectory, ServerRepositoryFiles.Root), rootBytes));
            written.Add(Write(Path.Combine(repository.Directory, RepoInitRunner.TrustedRootFile), rootBytes));
            File.Delete(repository.PendingRootPath!);
        }

        if (targetsBytes is not null)
        {
            written.Add(Write(Path.Combine(repository.ServerDirectory, ServerRepositoryFiles.Targets), targetsBytes));
            File.Delete(repository.PendingTargetsPath!);
        }

        if (vendorsPending)
        {
            written.Add(Write(Path.Combine(repository.ServerDirectory, ServerRepositoryFiles.Vendors), File.ReadAllBytes(repository.PendingVendorsPath)));
            written.AddRange(MoveApiKeys(repository));
            File.Delete(repository.PendingVendorsPath);
        }

        return RepoChangeResult.Describe(repository, written);
    }

    /// <summary>Moves every pending API key file into <c>vendor-api-keys/</c>, replacing the vendor's previous one.</summary>
    private static List<string> MoveApiKeys(OperatorRepository repository)
    {
        var moved = new List<string>();
        if (!Directory.Exists(repository.PendingApiKeyDirectory))
        {
            return moved;
        }

        Directory.CreateDirectory(repository.ApiKeyDirectory);
        foreach (var pending in Directory.GetFiles(repository.PendingApiKeyDirectory, "*.txt"))
        {
            var path = Path.Combine(repository.ApiKeyDirectory, Path.GetFileName(pending));
            File.Move(pending, path, overwrite: true);
            moved.Add(path);
        }

        DurableFile.FlushDirectory(repository.ApiKeyDirectory);
        if (!Directory.EnumerateFileSystemEntries(repository.PendingApiKeyDirectory).Any())
        {
            Directory.Delete(repository.PendingApiKeyDirectory);
        }

        return moved;
    }

    private static string Write(string path, byte[] content)
    {
        DurableFile.WriteAtomically(path, content);
        return path;
    }
}
