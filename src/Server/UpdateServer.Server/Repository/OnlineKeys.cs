using Microsoft.Extensions.Options;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Server.Configuration;

namespace UpdateServer.Server.Repository;

/// <summary>
/// The online keys the server may sign snapshot and timestamp with: every <c>snapshot*.key</c> and
/// <c>timestamp*.key</c> in the repository folder. Which one signs is decided by root: the key root lists for
/// the role. Rotating an online key is thus: put the new key file beside the old one, import the root that
/// lists it, and the next signature uses it.
/// </summary>
public sealed class OnlineKeys(IOptions<RepositoryOptions> options)
{
    // Replaced as a whole, so a reader never pairs the snapshot keys of one read with the timestamp keys of another.
    private volatile LoadedKeys? _loaded;

    /// <summary>Reads the key files again (after a rotation put new ones in place).</summary>
    /// <exception cref="InvalidOperationException">A key file cannot be read.</exception>
    public void Reload() => _ = Load();

    /// <summary>
    /// The snapshot and timestamp keys <paramref name="root"/> trusts, each of which must have threshold 1. When the
    /// files read before hold no key root names for a role, they are read again first: a rotation may have put the
    /// new key file in place since.
    /// </summary>
    /// <exception cref="InvalidOperationException">No key file holds a key root lists for a role, or a threshold is not 1.</exception>
    public (SigningKey Snapshot, SigningKey Timestamp) For(RootMetadata root)
    {
        var loaded = _loaded ?? Load();
        if (!Holds(root, RoleNames.Snapshot, loaded.Snapshot) || !Holds(root, RoleNames.Timestamp, loaded.Timestamp))
        {
            loaded = Load();
        }

        return (Pick(root, RoleNames.Snapshot, loaded.Snapshot), Pick(root, RoleNames.Timestamp, loaded.Timestamp));
    }

    private LoadedKeys Load()
    {
        var loaded = new LoadedKeys(Load("snapshot"), Load("timestamp"));
        _loaded = loaded;
        return loaded;
    }

    private static bool Holds(RootMetadata root, string role, IReadOnlyList<SigningKey> keys) =>
        keys.Any(k => root.RoleFor(role).KeyIds.Contains(k.KeyId));

    private static SigningKey Pick(RootMetadata root, string role, IReadOnlyList<SigningKey> keys)
    {
        var roleKeys = root.RoleFor(role);
        var key = keys.FirstOrDefault(k => roleKeys.KeyIds.Contains(k.KeyId));
        if (key is null || roleKeys.Threshold != 1)
        {
            throw new InvalidOperationException(
                $"The online {role} key must be one of root v{root.Version}'s {role} keys with threshold 1; none of the {role}*.key files is.");
        }

        return key;
    }

    private List<SigningKey> Load(string role)
    {
        var directory = options.Value.Directory;
        if (!Directory.Exists(directory))
        {
            throw new InvalidOperationException($"{directory} does not exist (Repository:Directory should be the server folder 'upkg repo init' wrote).");
        }

        var keys = new List<SigningKey>();
        foreach (var path in Directory.GetFiles(directory, $"{role}*.key").Order(StringComparer.Ordinal))
        {
            try
            {
                keys.Add(SigningKey.FromPem(File.ReadAllText(path)));
            }
            catch (KeyFormatException e)
            {
                throw new InvalidOperationException($"Online key {path} cannot be read: {e.Message}", e);
            }
        }

        return keys;
    }

    private sealed record LoadedKeys(IReadOnlyList<SigningKey> Snapshot, IReadOnlyList<SigningKey> Timestamp);
}
