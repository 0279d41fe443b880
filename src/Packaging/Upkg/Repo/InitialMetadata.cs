using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Upkg.Repo;

/// <summary>
/// The first root and targets metadata of a repository (version 1). Pure: builds and signs, writes nothing.
/// </summary>
public static class InitialMetadata
{
    /// <summary>The one path pattern a vendor is trusted for: its own folder.</summary>
    public static string VendorPathPattern(string vendor) => vendor + "/*";

    /// <summary>
    /// Root version 1 with the keys and thresholds of all four top-level roles (TUF spec 4.3), signed by every key
    /// in <paramref name="rootKeys"/>.
    /// </summary>
    public static Metadata<RootMetadata> Root(IReadOnlyList<SigningKey> rootKeys, int rootThreshold, TufKey targetsKey, TufKey snapshotKey,
        TufKey timestampKey, DateTimeOffset expires, bool consistentSnapshot)
    {
        ArgumentNullException.ThrowIfNull(rootKeys);
        var keys = new Dictionary<string, TufKey>(StringComparer.Ordinal);
        foreach (var key in rootKeys.Select(k => k.PublicKey).Append(targetsKey).Append(snapshotKey).Append(timestampKey))
        {
            keys[key.KeyId] = key;
        }

        var root = new RootMetadata
        {
            Version = 1,
            Expires = expires,
            ConsistentSnapshot = consistentSnapshot,
            Keys = keys,
            Roles = new Dictionary<string, RoleKeys>(StringComparer.Ordinal)
            {
                [RoleNames.Root] = new([.. rootKeys.Select(k => k.KeyId)], rootThreshold),
                [RoleNames.Targets] = new([targetsKey.KeyId], 1),
                [RoleNames.Snapshot] = new([snapshotKey.KeyId], 1),
                [RoleNames.Timestamp] = new([timestampKey.KeyId], 1),
            },
        };

        var metadata = Metadata.Create(root);
        foreach (var key in rootKeys)
        {
            metadata = metadata.Sign(key);
        }

        return metadata;
    }

    /// <summary>
    /// Targets version 1: no targets of its own, one terminating delegation per vendor for <c>&lt;vendor&gt;/*</c>
    /// with that vendor's key and threshold 1, in the order given; signed by <paramref name="targetsKey"/>.
    /// </summary>
    public static Metadata<TargetsMetadata> Targets(SigningKey targetsKey, IReadOnlyList<(string Vendor, TufKey Key)> vendors, DateTimeOffset expires)
    {
        ArgumentNullException.ThrowIfNull(targetsKey);
        ArgumentNullException.ThrowIfNull(vendors);
        var keys = new Dictionary<string, TufKey>(StringComparer.Ordinal);
        var roles = new List<DelegatedRole>();
        foreach (var (vendor, key) in vendors)
        {
            keys[key.KeyId] = key;

            // Terminating: a search for a path under <vendor>/ stops here and never falls through to another role.
            roles.Add(new DelegatedRole(vendor, new RoleKeys([key.KeyId], 1), terminating: true, [VendorPathPattern(vendor)], pathHashPrefixes: null));
        }

        var targets = new TargetsMetadata
        {
            Version = 1,
            Expires = expires,
            Targets = new Dictionary<string, TargetFile>(StringComparer.Ordinal),
            Delegations = new Delegations(keys, roles),
        };
        return Metadata.Create(targets).Sign(targetsKey);
    }
}
