using System.Text.RegularExpressions;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;
using UpdateServer.Server.Problems;

namespace UpdateServer.Server.Publishing;

/// <summary>
/// Decides whether a vendor's newly signed metadata (its role, and any hashed-bin sub-roles) may replace the current
/// one, and what every target it lists is. Pure: it reads no files and writes nothing, so every refusal leaves the
/// repository exactly as it was.
/// </summary>
public static partial class PublishValidator
{
    /// <param name="vendor">The authenticated vendor; also the delegated role name.</param>
    /// <param name="topLevelTargets">The repository's current targets metadata, which holds the delegations.</param>
    /// <param name="current">The vendor's current roles by name (vendor role and sub-roles), signatures included; empty before its first publish.</param>
    /// <param name="history">Every target path the vendor ever published (removed ones included), with its bytes and identity.</param>
    /// <param name="metadata">The newly signed metadata files by role name.</param>
    /// <param name="uploads">The packages sent with them.</param>
    /// <param name="now">The time expiry is judged at.</param>
    /// <exception cref="ProblemException">The first rule the upload breaks, with its stable problem type.</exception>
    public static PublishPlan Validate(string vendor, TargetsMetadata topLevelTargets, IReadOnlyDictionary<string, Metadata<TargetsMetadata>> current,
        IReadOnlyDictionary<string, PublishedTarget> history, IReadOnlyDictionary<string, byte[]> metadata, IReadOnlyList<SpooledPackage> uploads,
        DateTimeOffset now)
    {
        var (uploaded, effective) = VendorRolesValidator.Validate(vendor, topLevelTargets, current, metadata, now);
        var delegation = topLevelTargets.Delegations!.Find(vendor)!;
        var listedBefore = ReachableTargets(vendor, current);
        var targets = new List<PlannedTarget>();
        var bulletins = new List<PlannedBulletin>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (role, roleMetadata) in effective)
        {
            var subDelegation = role == vendor ? null : effective[vendor].Delegations!.Find(role);
            foreach (var (path, file) in roleMetadata.Targets)
            {
                if (!seen.Add(path))
                {
                    throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid, "Target listed twice",
                        $"{path} is listed by more than one of \"{vendor}\"'s roles.");
                }

                if (subDelegation is not null && !subDelegation.IsDelegatedPath(path))
                {
                    throw Problem(StatusCodes.Status403Forbidden, ProblemTypes.PathOutsideNamespace, "Path outside the role's delegation",
                        $"\"{role}\" lists {path}, which \"{vendor}\" did not delegate to it.");
                }

                if (BulletinFacts.IsBulletin(file.Custom))
                {
                    bulletins.Add(PlanBulletin(vendor, delegation, history, role, path, file, uploads));
                    continue;
                }

                targets.Add(PlanTarget(vendor, delegation, listedBefore, history, role, path, file, uploads));
            }
        }

        // A bulletin revision stays listed forever: machines and CSAF consumers may hold it; it is withdrawn by a new revision.
        if (listedBefore.FirstOrDefault(p => !seen.Contains(p) && history.GetValueOrDefault(p)?.Kind == BulletinFacts.Kind) is { } dropped)
        {
            throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.BulletinInvalid, "Bulletins are never removed",
                $"{dropped} is no longer listed; a published bulletin revision stays listed (withdraw it with a new revision instead).");
        }

        var referenced = targets.Where(t => t.Upload is not null).Select(t => t.Upload!)
            .Concat(bulletins.Where(b => b.Upload is not null).Select(b => b.Upload!)).ToHashSet();
        if (uploads.FirstOrDefault(u => !referenced.Contains(u)) is { } extra)
        {
            if (targets.FirstOrDefault(t => t.IsNew && t.Upload is null) is { } unmatched)
            {
                // The likely story: the package changed (or was cut short) after the vendor signed it.
                throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.PackageMismatch, "Package does not match its target",
                    $"{unmatched.Path} is signed as {unmatched.File.Length} bytes with sha256 {unmatched.File.Sha256}, but the uploaded " +
                    $"\"{extra.FileName}\" is {extra.Length} bytes with sha256 {extra.Sha256}.");
            }

            throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.PackageUnreferenced, "Unreferenced package",
                $"Package \"{extra.FileName}\" (sha256 {extra.Sha256}, {extra.Length} bytes) matches no new target in the metadata.");
        }

        return new PublishPlan(vendor, uploaded, targets) { SubRoles = effective[vendor].Delegations, Bulletins = bulletins };
    }

    /// <summary>The target paths a client can reach today through the vendor role and the sub-roles it delegates to.</summary>
    private static HashSet<string> ReachableTargets(string vendor, IReadOnlyDictionary<string, Metadata<TargetsMetadata>> current)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        if (current.GetValueOrDefault(vendor)?.Signed is not { } vendorRole)
        {
            return paths;
        }

        paths.UnionWith(vendorRole.Targets.Keys);
        foreach (var sub in vendorRole.Delegations?.Roles ?? [])
        {
            paths.UnionWith(current.GetValueOrDefault(sub.Name)?.Signed.Targets.Keys ?? []);
        }

        return paths;
    }

    /// <summary>
    /// A bulletin target: its facts, its canonical path (<c>&lt;vendor&gt;/&lt;ID&gt;.r&lt;N&gt;.bulletin.json</c>, one per
    /// revision, so a revision never changes bytes under a published path) and its upload. The document itself is
    /// checked by <see cref="Bulletins.BulletinInspection"/>.
    /// </summary>
    private static PlannedBulletin PlanBulletin(string vendor, DelegatedRole delegation, IReadOnlyDictionary<string, PublishedTarget> history,
        string role, string path, TargetFile file, IReadOnlyList<SpooledPackage> uploads)
    {
        BulletinFacts facts;
        try
        {
            facts = BulletinFacts.FromCustom(file.Custom);
            _ = file.Sha256;
        }
        catch (Exception e) when (e is BulletinFormatException or MetadataFormatException)
        {
            throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.BulletinInvalid, "Invalid bulletin target", $"{path}: {e.Message}");
        }

        if (!BulletinId.BelongsTo(facts.Id, vendor) || !delegation.IsDelegatedPath(path))
        {
            throw Problem(StatusCodes.Status403Forbidden, ProblemTypes.PathOutsideNamespace, "Bulletin outside the vendor's namespace",
                $"{path}: bulletin {facts.Id} is not in vendor \"{vendor}\"'s namespace (ids start with \"{vendor.ToUpperInvariant()}-\", paths with \"{vendor}/\").");
        }

        if (path != facts.TargetPath(vendor))
        {
            throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.BulletinInvalid, "Bulletin target path",
                $"Revision {facts.Revision} of {facts.Id} is published as {facts.TargetPath(vendor)}, not {path}.");
        }

        if (history.GetValueOrDefault(path) is { } published)
        {
            return published.Length == file.Length && published.Sha256 == file.Sha256
                ? new PlannedBulletin(role, path, file, facts, IsNew: false, Upload: null)
                : throw Problem(StatusCodes.Status409Conflict, ProblemTypes.TargetImmutable, "Published bulletins are immutable",
                    $"Revision {facts.Revision} of {facts.Id} was published with other contents; publish revision {facts.Revision + 1} instead.");
        }

        var upload = uploads.FirstOrDefault(u => u.Length == file.Length && u.Sha256 == file.Sha256);
        return new PlannedBulletin(role, path, file, facts, IsNew: true, upload);
    }

    private static PlannedTarget PlanTarget(string vendor, DelegatedRole delegation, HashSet<string> listedBefore,
        IReadOnlyDictionary<string, PublishedTarget> history, string role, string path, TargetFile file, IReadOnlyList<SpooledPackage> uploads)
    {
        if (!delegation.IsDelegatedPath(path))
        {
            throw Problem(StatusCodes.Status403Forbidden, ProblemTypes.PathOutsideNamespace, "Path outside the vendor's namespace",
                $"Target \"{path}\" is outside the paths delegated to \"{vendor}\" ({string.Join(", ", delegation.Paths ?? [])}).");
        }

        if (path.Length > 512 || !SafeTargetPath().IsMatch(path) || path.Split('/').Any(s => s is "." or ".."))
        {
            throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.InvalidRequest, "Invalid target path",
                $"Target \"{path}\" must use letters, digits and . _ + - only, in '/'-separated segments.");
        }

        ReleaseFacts facts;
        try
        {
            facts = ReleaseFacts.FromCustom(file.Custom);
            _ = file.Sha256;
        }
        catch (Exception e) when (e is ReleaseFactsException or MetadataFormatException)
        {
            throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid, "Invalid release facts", $"{path}: {e.Message}");
        }

        if (path != $"{vendor}/{facts.Product}-{facts.Version.ToFullString()}.upkg")
        {
            // One path per release: a yank or a promotion then reaches every copy a machine could be offered.
            throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid, "Release path does not match its facts",
                $"{path} is {facts.Product} {facts.Version.ToFullString()}; a release is published as {vendor}/{facts.Product}-{facts.Version.ToFullString()}.upkg.");
        }

        if (facts.Kind == ProductKinds.Component)
        {
            throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid, "Components are not shipped",
                $"{path}: kind component names third-party software (an OS, a database) that machines get by other means; it is never published.");
        }

        if (facts.Vendor != vendor)
        {
            throw Problem(StatusCodes.Status403Forbidden, ProblemTypes.PathOutsideNamespace, "Product outside the vendor's namespace",
                $"{path}: product \"{facts.Product}\" does not belong to vendor \"{vendor}\" (ids start with \"{vendor}.\").");
        }

        if (history.GetValueOrDefault(path) is { } published)
        {
            // Once published, a path keeps its bytes and its identity forever (removed and re-added included);
            // only state, channel, mandatory, OS and architecture may change (promotion, yanking, narrowing).
            if (published.Length != file.Length || published.Sha256 != file.Sha256)
            {
                throw Problem(StatusCodes.Status409Conflict, ProblemTypes.TargetImmutable, "Published targets are immutable",
                    $"{path} was published with other contents; publish a new version under a new path instead.");
            }

            if (published.Product != facts.Product || published.Version != facts.Version.ToFullString() || published.Kind != facts.Kind)
            {
                throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid, "Published identity cannot change",
                    $"{path} was published as {published.Product} {published.Version} ({published.Kind}); it cannot become {facts.Product} {facts.Version.ToFullString()} ({facts.Kind}).");
            }

            if (published.State != facts.State && !ReleaseStates.CanMove(published.State, facts.State))
            {
                throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.LifecycleTransitionInvalid, "Lifecycle transition not allowed",
                    $"{path} is {published.State}; a release moves draft -> testing -> stable, or to yanked, and never back ({published.State} -> {facts.State}).");
            }

            if (published.Facts is { } before && ManifestAgreement.ApplicabilityDifferences(before, facts, "now") is { Count: > 0 } changed)
            {
                // The package's manifest states these and its bytes cannot change, so neither can they: machines would
                // download the release and refuse it for disagreeing with its manifest.
                throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid, "Published applicability cannot change",
                    $"{path}: {string.Join("; ", changed)}. Publish a new version instead.");
            }

            if (listedBefore.Contains(path))
            {
                return new PlannedTarget(role, path, file, facts, IsNew: false, Upload: null);
            }
        }

        var upload = uploads.FirstOrDefault(u => u.Length == file.Length && u.Sha256 == file.Sha256);
        return new PlannedTarget(role, path, file, facts, IsNew: true, upload);
    }

    private static ProblemException Problem(int status, string type, string title, string detail) => new(status, type, title, detail);

    [GeneratedRegex("^[A-Za-z0-9._+-]+(/[A-Za-z0-9._+-]+)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SafeTargetPath();
}
