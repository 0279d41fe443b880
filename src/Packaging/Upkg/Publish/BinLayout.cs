using System.Globalization;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Upkg.Publish;

/// <summary>
/// Hashed bins for a vendor with many releases: the vendor role lists no targets itself but delegates, by the first
/// hex digits of SHA-256(target path) (<c>path_hash_prefixes</c>), to 16 or 256 roles named
/// <c>&lt;vendor&gt;.bin-&lt;prefix&gt;</c>. A client then fetches the vendor role and one bin per target, however
/// many releases the vendor has.
/// </summary>
public static class BinLayout
{
    public static bool IsSupportedCount(int bins) => bins is 16 or 256;

    public static string RoleName(string vendor, string prefix) => $"{vendor}.bin-{prefix}";

    /// <summary>The vendor role's delegations: every bin, signed by <paramref name="key"/> alone, terminating.</summary>
    public static Delegations Delegations(string vendor, TufKey key, int bins)
    {
        var digits = bins == 16 ? 1 : 2;
        var roles = Enumerable.Range(0, bins)
            .Select(i => i.ToString(digits == 1 ? "x1" : "x2", CultureInfo.InvariantCulture))
            .Select(prefix => new DelegatedRole(RoleName(vendor, prefix), new RoleKeys([key.KeyId], 1), terminating: true, paths: null,
                pathHashPrefixes: [prefix]))
            .ToList();
        return new Delegations(new Dictionary<string, TufKey>(StringComparer.Ordinal) { [key.KeyId] = key }, roles);
    }

    /// <summary>The same delegations with every bin trusting <paramref name="key"/> instead (after a key replacement).</summary>
    public static Delegations WithKey(Delegations delegations, TufKey key) =>
        new(new Dictionary<string, TufKey>(StringComparer.Ordinal) { [key.KeyId] = key },
            [.. delegations.Roles.Select(r => new DelegatedRole(r.Name, new RoleKeys([key.KeyId], 1), r.Terminating, r.Paths, r.PathHashPrefixes))]);

    /// <summary>The bin a target path falls into.</summary>
    public static DelegatedRole BinFor(Delegations delegations, string targetPath) =>
        delegations.Roles.FirstOrDefault(r => r.IsDelegatedPath(targetPath))
            ?? throw new Cli.UpkgException($"no bin of the vendor's metadata takes {targetPath}.");
}
