using System.Text;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Upkg.Cli;
using UpdateServer.Upkg.Keys;

namespace UpdateServer.Upkg.Repo;

/// <summary>
/// Prepares the next root with changed keys or threshold for one top-level role, unsigned, in <c>pending/</c>.
/// Changes accumulate in one pending root until it is committed. Rotating the targets keys also prepares the next
/// targets version, which the new targets keys must sign; rotating an online key writes the new private key into
/// <c>server/</c>, where the server picks the key root names.
/// </summary>
public sealed class RepoRotateRunner(TimeProvider time)
{
    /// <exception cref="UpkgException">An option does not fit the repository (unknown key, bad threshold, wrong role).</exception>
    public RepoChangeResult Run(RepoRotateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var repository = new OperatorRepository(options.RepositoryDirectory);
        var current = repository.CurrentRoot.Signed;
        var working = repository.WorkingRoot.Signed;
        if (!current.Roles.ContainsKey(options.Role) || !RoleNames.IsTopLevel(options.Role))
        {
            throw new UsageException($"--role must be root, targets, snapshot or timestamp, not \"{options.Role}\".");
        }

        var online = options.Role is RoleNames.Snapshot or RoleNames.Timestamp;
        if (options.NewOnlineKey && !online)
        {
            throw new UsageException("--new-online-key applies to the snapshot and timestamp roles only.");
        }

        if (options.Role == RoleNames.Targets && options.AddKeys.Count == 0 && options.RemoveKeys.Count == 0 && options.Threshold is null)
        {
            // No key change: only renew targets (the next version with a new expiry), root stays as it is.
            return RepoChangeResult.Describe(repository, [repository.WritePending(Metadata.Create(repository.WorkingTargets.Signed with
            {
                Version = repository.CurrentTargets.Signed.Version + 1,
                Expires = MetadataClock.ExpiresAfter(time, options.TargetsExpires),
            }), RoleNames.Targets)]);
        }

        var keys = new Dictionary<string, TufKey>(working.Keys, StringComparer.Ordinal);
        var keyIds = working.RoleFor(options.Role).KeyIds.ToList();
        foreach (var file in options.AddKeys)
        {
            var key = KeyFiles.ReadPublicKey(file);
            keys[key.KeyId] = key;
            if (!keyIds.Contains(key.KeyId))
            {
                keyIds.Add(key.KeyId);
            }
        }

        foreach (var remove in options.RemoveKeys)
        {
            var keyId = File.Exists(remove) ? KeyFiles.ReadPublicKey(remove).KeyId : remove;
            if (!keyIds.Remove(keyId))
            {
                throw new UpkgException($"{options.Role} has no key {remove}.");
            }
        }

        string? newKeyFile = null;
        if (options.NewOnlineKey)
        {
            var generated = SigningKey.Generate();
            newKeyFile = Path.Combine(repository.ServerDirectory, $"{options.Role}-{generated.KeyId[..12]}.key");
            OutputFiles.CreateSecret(newKeyFile, Encoding.ASCII.GetBytes(generated.ToPem()));
            keys[generated.KeyId] = generated.PublicKey;
            keyIds = [generated.KeyId];
        }

        var threshold = options.Threshold ?? working.RoleFor(options.Role).Threshold;
        if (keyIds.Count == 0 || threshold < 1 || threshold > keyIds.Count || (online && threshold != 1))
        {
            throw new UpkgException(online
                ? $"{options.Role} needs at least one key and threshold 1 (the server signs with one online key)."
                : $"{options.Role} would have {keyIds.Count} key(s) and threshold {threshold}; the threshold must be between 1 and the key count.");
        }

        var roles = new Dictionary<string, RoleKeys>(working.Roles, StringComparer.Ordinal) { [options.Role] = new RoleKeys(keyIds, threshold) };
        var used = roles.Values.SelectMany(r => r.KeyIds).ToHashSet(StringComparer.Ordinal);
        var next = Metadata.Create(working with
        {
            Version = current.Version + 1,
            Expires = MetadataClock.ExpiresAfter(time, options.Expires),
            Keys = keys.Where(k => used.Contains(k.Key)).ToDictionary(StringComparer.Ordinal),
            Roles = roles,
        });
        var written = new List<string> { repository.WritePending(next, RoleNames.Root) };
        if (options.Role == RoleNames.Targets)
        {
            // The current targets.json is signed by the old targets keys; the new ones must sign a new version.
            var targets = repository.WorkingTargets.Signed;
            written.Add(repository.WritePending(Metadata.Create(targets with
            {
                Version = repository.CurrentTargets.Signed.Version + 1,
                Expires = MetadataClock.ExpiresAfter(time, options.TargetsExpires),
            }), RoleNames.Targets));
        }

        if (newKeyFile is not null)
        {
            written.Add(newKeyFile);
        }

        return RepoChangeResult.Describe(repository, written);
    }
}
