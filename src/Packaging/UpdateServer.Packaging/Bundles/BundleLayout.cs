using System.Text.RegularExpressions;

namespace UpdateServer.Packaging.Bundles;

/// <summary>
/// Entry names of an offline bundle (see docs/updater.md, "Offline bundles"): <c>bundle.json</c>, then
/// <c>metadata/NAME</c> for each metadata file as a TUF client asks for it, then <c>targets/URL</c> for each target
/// under its consistent-snapshot URL (<c>acme/HASH.name</c>). Names use only the characters of URL-escaped segments.
/// </summary>
public static partial class BundleLayout
{
    public const string IndexName = "bundle.json";
    public const string MetadataFolder = "metadata/";
    public const string TargetsFolder = "targets/";

    private const int MaxNameLength = 1024;
    private const int MaxDepth = 16;

    /// <summary>True when <paramref name="name"/> is the index, a metadata file or a target, with safe segments only.</summary>
    public static bool IsValidEntryName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == IndexName)
        {
            return true;
        }

        if (name.Length > MaxNameLength)
        {
            return false;
        }

        if (name.StartsWith(MetadataFolder, StringComparison.Ordinal))
        {
            return IsSegment(name[MetadataFolder.Length..]);
        }

        if (name.StartsWith(TargetsFolder, StringComparison.Ordinal))
        {
            var segments = name[TargetsFolder.Length..].Split('/');
            return segments.Length <= MaxDepth && segments.All(IsSegment);
        }

        return false;
    }

    /// <summary>A URL-escaped segment: unreserved characters and %XX, never "." or "..".</summary>
    private static bool IsSegment(string segment) => segment is not ("." or "..") && SegmentPattern().IsMatch(segment);

    [GeneratedRegex("^[A-Za-z0-9._~%-]{1,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex SegmentPattern();
}
