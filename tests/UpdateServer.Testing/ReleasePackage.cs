using System.Text.Json.Nodes;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.Testing;

/// <summary>
/// Vendor-side steps for releases with full facts (kind, state, hardware IDs, requirements, upgrade paths): a package
/// whose manifest states an applicability, listed with signed facts that agree with it (or, on purpose, do not),
/// and re-listing an already published target with edited facts (promotion, yanking) without sending it again.
/// </summary>
public static class ReleasePackage
{
    /// <summary>The custom-object names a manifest's <c>applicability</c> shares with the signed facts.</summary>
    private static readonly string[] ApplicabilityNames = ["os", "arch", "hardwareIds", "requires", "installableFrom", "upgrades", "supersedes"];

    /// <summary>The <c>applicability</c> object a manifest states for <paramref name="facts"/>.</summary>
    public static JsonObject ApplicabilityOf(ReleaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var custom = facts.ToCustom();
        var applicability = new JsonObject();
        foreach (var name in ApplicabilityNames)
        {
            if (custom[name] is { } value)
            {
                applicability[name] = value.DeepClone();
            }
        }

        return applicability;
    }

    /// <summary>A package of <paramref name="facts"/>' product, version and kind whose manifest states <paramref name="applicability"/>.</summary>
    /// <param name="facts">The release's product, version and kind.</param>
    /// <param name="applicability">The manifest's applicability, kept verbatim (even when invalid); null states the facts' own.</param>
    public static Task<byte[]> BuildAsync(ReleaseFacts facts, JsonObject? applicability = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var manifest = new JsonObject
        {
            ["product"] = facts.Product,
            ["version"] = facts.Version.ToFullString(),
            ["kind"] = facts.Kind,
            ["applicability"] = applicability?.DeepClone() ?? ApplicabilityOf(facts),
        };
        return Publication.BuildPackageAsync(facts.Product, facts.Version.ToFullString(),
            folder => File.WriteAllText(Path.Combine(folder, "upkg.json"), manifest.ToJsonString()));
    }

    /// <summary>The target path a release of <paramref name="facts"/> is published under: <c>vendor/product-version.upkg</c>.</summary>
    public static string PathOf(ReleaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return $"{facts.Vendor}/{facts.Product}-{facts.Version.ToFullString()}.upkg";
    }

    /// <summary>
    /// Builds the package of <paramref name="facts"/>, lists it with <paramref name="custom"/> (default: the facts) signed
    /// as the target's custom object, and uploads it. Returns the target path.
    /// </summary>
    /// <param name="publication">The publication to list and upload the package in.</param>
    /// <param name="facts">The release's facts: its identity, and what is signed unless <paramref name="custom"/> is given.</param>
    /// <param name="manifestApplicability">What the manifest states; null states the facts' own applicability.</param>
    /// <param name="custom">The custom object to sign instead of the facts' own, e.g. a malformed one.</param>
    public static async Task<string> AddSignedReleaseAsync(this Publication publication, ReleaseFacts facts, JsonObject? manifestApplicability = null,
        JsonObject? custom = null)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var bytes = await BuildAsync(facts, manifestApplicability);
        var path = PathOf(facts);
        publication.AddRawPackage(path, facts.Product, facts.Version.ToFullString(), bytes);
        publication.AddTarget(path, new TargetFile(bytes.Length,
            new Dictionary<string, string> { [FileHashes.Sha256] = FileHashes.Sha256Hex(bytes) }, custom ?? facts.ToCustom()));
        return path;
    }

    /// <summary>Lists a published target again (same bytes, no upload) with its custom facts changed by <paramref name="edit"/>.</summary>
    public static void Relist(this Publication publication, string path, TargetFile target, Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(edit);
        var custom = (JsonObject)target.Custom!.DeepClone();
        edit(custom);
        publication.AddTarget(path, new TargetFile(target.Length, target.Hashes, custom));
    }
}
