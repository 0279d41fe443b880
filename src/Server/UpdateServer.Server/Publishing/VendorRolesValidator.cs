using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Server.Problems;

namespace UpdateServer.Server.Publishing;

/// <summary>
/// Checks every metadata file of a publish request as role metadata: the vendor role against the top-level
/// delegation, its sub-roles (hashed bins) against the vendor role's delegations; each the next version of its
/// role, unexpired, signed by a threshold of the keys its delegator names. Sub-roles delegate no further. Stored
/// roles that the publish builds on are verified again against their delegator as it is now, as a client would.
/// </summary>
public static class VendorRolesValidator
{
    /// <param name="vendor">The authenticated vendor.</param>
    /// <param name="topLevelTargets">The repository's targets metadata.</param>
    /// <param name="current">The vendor's current roles (vendor role and sub-roles) by name, signatures included.</param>
    /// <param name="uploaded">The uploaded metadata files by role name.</param>
    /// <param name="now">The time expiry is judged at.</param>
    /// <returns>The verified uploads, and the vendor's roles as they will be after the publish (current ones not replaced included).</returns>
    /// <exception cref="ProblemException">The first rule broken.</exception>
    public static (IReadOnlyList<UploadedRole> Uploaded, IReadOnlyDictionary<string, TargetsMetadata> Effective) Validate(string vendor,
        TargetsMetadata topLevelTargets, IReadOnlyDictionary<string, Metadata<TargetsMetadata>> current, IReadOnlyDictionary<string, byte[]> uploaded,
        DateTimeOffset now)
    {
        var delegation = topLevelTargets.Delegations?.Find(vendor)
            ?? throw Problem(StatusCodes.Status403Forbidden, ProblemTypes.UnknownVendor, "No delegation", $"The targets metadata delegates nothing to \"{vendor}\".");
        if (uploaded.Count == 0)
        {
            throw Problem(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest, "No metadata", "A publish needs the vendor's signed metadata.");
        }

        var verified = new List<UploadedRole>();
        var stored = current.GetValueOrDefault(vendor);
        TargetsMetadata vendorRole;
        var vendorRoleUploaded = uploaded.TryGetValue(vendor, out var vendorBytes);
        if (vendorRoleUploaded)
        {
            var metadata = Parse(vendor, vendorBytes!);
            Verify(vendor, metadata, topLevelTargets.Delegations!.Keys, delegation.Keys, stored?.Signed, now);
            RequireOwnSubRoles(vendor, metadata.Signed);
            vendorRole = metadata.Signed;
            verified.Add(new UploadedRole(vendor, metadata, vendorBytes!));
        }
        else if (stored is null)
        {
            throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.MalformedMetadata, "Vendor metadata missing",
                $"The first publish of \"{vendor}\" must include {vendor}.json.");
        }
        else
        {
            // Sub-roles alone build on the stored vendor role, so it must still verify against the delegation targets.json
            // makes now: once the operator replaced the vendor's key, a role signed by the revoked key must not go on
            // delegating to bins the revoked key signs (clients would refuse them anyway, TUF spec 5.6.3).
            RequireStillSigned(vendor, stored, topLevelTargets.Delegations!.Keys, delegation.Keys,
                $"{vendor}.json as stored (version {stored.Signed.Version}) is not signed by the keys targets.json now delegates \"{vendor}\" to; " +
                $"re-sign {vendor}.json with your current key first ('upkg publish --resign').");
            vendorRole = stored.Signed;
        }

        foreach (var (role, bytes) in uploaded.Where(u => u.Key != vendor))
        {
            var sub = vendorRole.Delegations?.Find(role)
                ?? throw Problem(StatusCodes.Status403Forbidden, ProblemTypes.DelegationNotAllowed, "Role not delegated",
                    $"\"{vendor}\" does not delegate to \"{role}\".");
            var metadata = Parse(role, bytes);
            Verify(role, metadata, vendorRole.Delegations!.Keys, sub.Keys, current.GetValueOrDefault(role)?.Signed, now);
            if (metadata.Signed.Delegations is not null)
            {
                throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.DelegationNotAllowed, "Delegation not allowed",
                    $"\"{role}\" may list targets only; it cannot delegate further.");
            }

            verified.Add(new UploadedRole(role, metadata, bytes));
        }

        // The roles a client will reach: the vendor role and every sub-role it delegates to, each of which must exist,
        // since a client must find every delegated role in the snapshot (5.6.7).
        var effective = new Dictionary<string, TargetsMetadata>(StringComparer.Ordinal) { [vendor] = vendorRole };
        foreach (var sub in vendorRole.Delegations?.Roles ?? [])
        {
            if (verified.FirstOrDefault(v => v.Role == sub.Name) is { } upload)
            {
                effective[sub.Name] = upload.Metadata.Signed;
                continue;
            }

            var storedSub = current.GetValueOrDefault(sub.Name)
                ?? throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.DelegationNotAllowed, "Delegated role missing",
                    $"\"{vendor}\" delegates to \"{sub.Name}\", which has no metadata; upload {sub.Name}.json in the same publish.");
            if (vendorRoleUploaded)
            {
                // A new vendor role may delegate to other keys: a stored bin it keeps must verify under them.
                RequireStillSigned(sub.Name, storedSub, vendorRole.Delegations!.Keys, sub.Keys,
                    $"{sub.Name}.json as stored (version {storedSub.Signed.Version}) is not signed by the keys the new {vendor}.json delegates it to; " +
                    $"re-sign and upload it with {vendor}.json.");
            }

            effective[sub.Name] = storedSub.Signed;
        }

        return (verified, effective);
    }

    private static void RequireOwnSubRoles(string vendor, TargetsMetadata vendorRole)
    {
        foreach (var sub in vendorRole.Delegations?.Roles ?? [])
        {
            if (!VendorRoleNames.IsSubRoleOf(sub.Name, vendor))
            {
                throw Problem(StatusCodes.Status403Forbidden, ProblemTypes.DelegationNotAllowed, "Delegation outside the vendor's roles",
                    $"\"{vendor}\" may delegate only to roles named {vendor}.<name>, not \"{sub.Name}\".");
            }
        }

        if ((vendorRole.Delegations?.Roles.Count ?? 0) > VendorRoleNames.MaxSubRoles)
        {
            throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.DelegationNotAllowed, "Too many roles",
                $"\"{vendor}\" may delegate to at most {VendorRoleNames.MaxSubRoles} roles.");
        }
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

    private static void Verify(string role, Metadata<TargetsMetadata> metadata, IReadOnlyDictionary<string, TufKey> keys,
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

    /// <summary>A stored role that this publish keeps must verify against its delegator as the delegator is now.</summary>
    private static void RequireStillSigned(string role, Metadata<TargetsMetadata> stored, IReadOnlyDictionary<string, TufKey> keys, RoleKeys roleKeys,
        string detail)
    {
        try
        {
            stored.VerifySignedBy(role, keys, roleKeys);
        }
        catch (SignatureThresholdNotMetException)
        {
            throw Problem(StatusCodes.Status403Forbidden, ProblemTypes.ResignRequired, "Stored metadata no longer delegated", detail);
        }
    }

    private static ProblemException Problem(int status, string type, string title, string detail) => new(status, type, title, detail);
}
