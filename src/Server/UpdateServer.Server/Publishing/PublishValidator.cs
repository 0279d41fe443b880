using System.Text.RegularExpressions;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;
using UpdateServer.Server.Problems;

namespace UpdateServer.Server.Publishing;

/// <summary>
/// Decides whether a vendor's newly signed delegated metadata may replace the current one. Pure: it reads no
/// files and writes nothing, so every refusal leaves the repository exactly as it was.
/// </summary>
public static partial class PublishValidator
{
    /// <param name="vendor">The authenticated vendor; also the delegated role name.</param>
    /// <param name="topLevelTargets">The repository's current targets metadata, which holds the delegations.</param>
    /// <param name="previous">The vendor's current metadata, or null before its first publish.</param>
    /// <param name="history">Every target path the vendor ever published (removed ones included), with its bytes and identity.</param>
    /// <param name="metadataBytes">The new metadata as uploaded.</param>
    /// <param name="uploads">The packages sent with it.</param>
    /// <param name="now">The time expiry is judged at.</param>
    /// <exception cref="ProblemException">The first rule the upload breaks, with its stable problem type.</exception>
    public static PublishPlan Validate(string vendor, TargetsMetadata topLevelTargets, TargetsMetadata? previous,
        IReadOnlyDictionary<string, PublishedTarget> history, byte[] metadataBytes, IReadOnlyList<SpooledPackage> uploads, DateTimeOffset now)
    {
        Metadata<TargetsMetadata> metadata;
        try
        {
            metadata = Metadata.FromBytes<TargetsMetadata>(metadataBytes);
        }
        catch (MetadataFormatException e)
        {
            throw Problem(StatusCodes.Status400BadRequest, ProblemTypes.MalformedMetadata, "Malformed metadata", e.Message);
        }

        var delegation = topLevelTargets.Delegations?.Find(vendor)
            ?? throw Problem(StatusCodes.Status403Forbidden, ProblemTypes.UnknownVendor, "No delegation",
                $"The targets metadata delegates nothing to \"{vendor}\".");
        try
        {
            metadata.VerifySignedBy(vendor, topLevelTargets.Delegations!.Keys, delegation.Keys);
        }
        catch (SignatureThresholdNotMetException e)
        {
            throw Problem(StatusCodes.Status403Forbidden, ProblemTypes.SignatureThresholdNotMet, "Not signed by the vendor's keys", e.Message);
        }

        var expected = (previous?.Version ?? 0) + 1;
        if (metadata.Signed.Version != expected)
        {
            throw Problem(StatusCodes.Status409Conflict, ProblemTypes.MetadataVersionConflict, "Metadata version conflict",
                $"The repository holds version {expected - 1} of \"{vendor}\"; the next upload must be version {expected}, not {metadata.Signed.Version}. Fetch the current metadata and sign again.");
        }

        if (metadata.Signed.IsExpired(now))
        {
            throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.MetadataExpired, "Metadata expired",
                $"The metadata expired at {metadata.Signed.Expires:u}.");
        }

        if (metadata.Signed.Delegations is not null)
        {
            throw Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.DelegationNotAllowed, "Delegation not allowed",
                "Vendor metadata may list targets only; further delegation is not supported.");
        }

        var targets = metadata.Signed.Targets.Select(t => PlanTarget(vendor, delegation, previous, history, t.Key, t.Value, uploads)).ToList();
        var referenced = targets.Where(t => t.Upload is not null).Select(t => t.Upload!).ToHashSet();
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

        return new PublishPlan(vendor, metadata, metadataBytes, targets);
    }

    private static PlannedTarget PlanTarget(string vendor, DelegatedRole delegation, TargetsMetadata? previous,
        IReadOnlyDictionary<string, PublishedTarget> history, string path, TargetFile file, IReadOnlyList<SpooledPackage> uploads)
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

        if (facts.Vendor != vendor)
        {
            throw Problem(StatusCodes.Status403Forbidden, ProblemTypes.PathOutsideNamespace, "Product outside the vendor's namespace",
                $"{path}: product \"{facts.Product}\" does not belong to vendor \"{vendor}\" (ids start with \"{vendor}.\").");
        }

        if (history.GetValueOrDefault(path) is { } published)
        {
            // Once published, a path keeps its bytes and its identity forever (removed and re-added included);
            // only facts such as channel, mandatory or applicability may change (promotion).
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

            if (previous?.Targets.ContainsKey(path) == true)
            {
                return new PlannedTarget(path, file, facts, IsNew: false, Upload: null);
            }
        }

        var upload = uploads.FirstOrDefault(u => u.Length == file.Length && u.Sha256 == file.Sha256);
        return new PlannedTarget(path, file, facts, IsNew: true, upload);
    }

    private static ProblemException Problem(int status, string type, string title, string detail) => new(status, type, title, detail);

    [GeneratedRegex("^[A-Za-z0-9._+-]+(/[A-Za-z0-9._+-]+)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SafeTargetPath();
}
