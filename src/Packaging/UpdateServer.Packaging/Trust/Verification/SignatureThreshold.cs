using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Packaging.Trust;

/// <summary>Checks that a threshold of a role's keys signed the canonical form of some metadata.</summary>
public static class SignatureThreshold
{
    /// <summary>
    /// Counts each trusted key once, however many keyids or signatures name it, and requires
    /// <see cref="RoleKeys.Threshold"/> of them to have signed <paramref name="canonicalSigned"/>.
    /// </summary>
    /// <exception cref="SignatureThresholdNotMetException">Too few valid signatures.</exception>
    public static void Verify(string roleName, ReadOnlySpan<byte> canonicalSigned, IReadOnlyList<MetadataSignature> signatures,
        IReadOnlyDictionary<string, TufKey> keys, RoleKeys role)
    {
        var valid = CountValid(canonicalSigned, signatures, keys, role);
        if (valid < role.Threshold)
        {
            throw new SignatureThresholdNotMetException(roleName, valid, role.Threshold);
        }
    }

    /// <summary>The number of distinct trusted keys of <paramref name="role"/> with a valid signature.</summary>
    public static int CountValid(ReadOnlySpan<byte> canonicalSigned, IReadOnlyList<MetadataSignature> signatures,
        IReadOnlyDictionary<string, TufKey> keys, RoleKeys role)
    {
        var counted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var keyId in role.KeyIds)
        {
            if (!keys.TryGetValue(keyId, out var key) || !key.IsIdentifiedBy(keyId))
            {
                // Spec 4.3 (KEYID): a keyid that is not the key's own never counts.
                continue;
            }

            var signature = signatures.FirstOrDefault(s => s.KeyId == keyId);
            if (signature?.TryDecode() is { } sig && !counted.Contains(key.KeyId) && key.Verify(canonicalSigned, sig))
            {
                // Counted by key material, so one key listed under two keyids still counts once.
                counted.Add(key.KeyId);
            }
        }

        return counted.Count;
    }
}
