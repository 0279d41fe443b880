using UpdateServer.Packaging.Trust;
using UpdateServer.Server.Problems;

namespace UpdateServer.Server.Publishing;

/// <summary>
/// Checks every metadata file of a publish request as role metadata: the vendor role against the top-level
/// delegation, its sub-roles (hashed bins) against the vendor role's delegations; each the next version of its
/// role, unexpired, signed by a threshold of the keys its delegator names. Sub-roles delegate no further.
/// </summary>
public static class VendorRolesValidator
{
    /// <param name="vendor">The authenticated vendor.</param>
    /// <param name="topLevelTargets">The repository's targets metadata.</param>
    /// <param name="current">The vendor's current roles (vendor role and sub-roles) by name.</param>
    /// <param name="uploaded">The uploaded metadata files by role name.</param>
    /// <param name="now">The time expiry is judged at.</param>
    /// <returns>The verified uploads, and the vendor's roles as they will be after the publish (current ones not replaced included).</returns>
    /// <exception cref="ProblemException">The first rule broken.</exception>
    public static (IReadOnlyList<UploadedRole> Uploaded, IReadOnlyDictionary<string, TargetsMetadata> Effective) Validate(string vendor,
        TargetsMetadata topLevelTargets, IReadOnlyDictionary<string, TargetsMetadata> current, IReadOnlyDictionary<string, byte[]> uploaded,
        DateTimeOffset now)
    {
        var delegation = topLevelTargets.Delegations?.Find(vendor)
            ?? throw Problem(StatusCodes.Status403Forbidden, ProblemTypes.UnknownVendor, "No delegation", $"The targets metadata delegates nothing to \"{vendor}\".");
        if (uploaded.Count == 0)
        {
            throw Problem(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest, "No metadata", "A publish needs the vendor's signed metadata.");
        }

        var verified = new List<UploadedRole>();
        var vendorRole = current.GetValueOrDefault(vendor);
        if (uploaded.TryGetValue(vendor, out var vendorBytes))
        {
            var metadata = Parse(vendor, vendorBytes);
            Verify(vendor, metadata, topLevelTargets.Delegations!.Keys, delegation.Keys, vendorRole, now);
            foreach (var sub in metadata.Signed.Delegations?.Roles ?? [])
            {
                if (!VendorRoleNames.IsSubRoleOf(sub.Name, vendor))
                {
                    throw Problem(StatusCodes.Status403Forbidden, ProblemTypes.DelegationNotAllowed, "Delegation outside the vendor's roles",
                        $"\"{vendor}\" may delegate only to roles named {vendor}.<name>, not \"{sub.Name}\".");
                }
            }

            if ((metadata.Signed.Delegations?.Roles.Count ?? 0) > VendorRoleNames.MaxSubRoles)
            {
                throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.DelegationNotAllowed, "Too many roles",
                    $"\"{vendor}\" may delegate to at most {VendorRoleNames.MaxSubRoles} roles.");
            }

            vendorRole = metadata.Signed;
            verified.Add(new UploadedRole(vendor, metadata, vendorBytes));
        }

        if (vendorRole is null)
        {
            throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.MalformedMetadata, "Vendor metadata missing",
                $"The first publish of \"{vendor}\" must include {vendor}.json.");
        }

        foreach (var (role, bytes) in uploaded.Where(u => u.Key != vendor))
        {
            var sub = vendorRole.Delegations?.Find(role)
                ?? throw Problem(StatusCodes.Status403Forbidden, ProblemTypes.DelegationNotAllowed, "Role not delegated",
                    $"\"{vendor}\" does not delegate to \"{role}\".");
            var metadata = Parse(role, bytes);
            Verify(role, metadata, vendorRole.Delegations!.Keys, sub.Keys, current.GetValueOrDefault(role), now);
            if (metadata.Signed.Delegations is not null)
            {
                throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.DelegationNotAllowed, "Delegation not allowed",
                    $"\"{role}\" may list targets only; it cannot delegate further.");
            }

            verified.Add(new UploadedRole(role, metadata, bytes));
        }

        // The roles a client will reach: the vendor role and the sub-roles it (still) delegates to.
        var effective = new Dictionary<string, TargetsMetadata>(StringComparer.Ordinal) { [vendor] = vendorRole };
        foreach (var sub in vendorRole.Delegations?.Roles ?? [])
        {
            var metadata = verified.FirstOrDefault(v => v.Role == sub.Name)?.Metadata.Signed ?? current.GetValueOrDefault(sub.Name);
            if (metadata is not null)
            {
                effective[sub.Name] = metadata;
            }
        }

        return (verified, effective);
    }

    private static Metadata<TargetsMetadata> Parse(string role, byte[] bytes)
    {
        try
        {
            return Metadata.FromBytes<TargetsMetadata>(bytes);
        }
        catch (MetadataFormatException e)
        {
            throw Problem(StatusCodes.Status400BadRequest, ProblemTypes.MalformedMetadata, "Malformed metadata", $"{role}.json: {e.Message}");
        }
    }

    private static void Verify(string role, Metadata<TargetsMetadata> metadata, IReadOnlyDictionary<string, Packaging.Trust.Keys.TufKey> keys,
        RoleKeys roleKeys, TargetsMetadata? current, DateTimeOffset now)
    {
        try
        {
            metadata.VerifySignedBy(role, keys, roleKeys);
        }
        catch (SignatureThresholdNotMetException e)
        {
            throw Problem(StatusCodes.Status403Forbidden, ProblemTypes.SignatureThresholdNotMet, "Not signed by the delegated keys", e.Message);
        }

        var expected = (current?.Version ?? 0) + 1;
        if (metadata.Signed.Version != expected)
        {
            throw Problem(StatusCodes.Status409Conflict, ProblemTypes.MetadataVersionConflict, "Metadata version conflict",
                $"The repository holds version {expected - 1} of \"{role}\"; the next upload must be version {expected}, not {metadata.Signed.Version}. Fetch the current metadata and sign again.");
        }

        if (metadata.Signed.IsExpired(now))
        {
            throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.MetadataExpired, "Metadata expired",
                $"{role}.json expired at {metadata.Signed.Expires:u}.");
        }
    }

    private static ProblemException Problem(int status, string type, string title, string detail) => new(status, type, title, detail);
}
