using System.Security.Cryptography;
using System.Text;
using NuGet.Versioning;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.Benchmarks.Repository;

/// <summary>
/// The releases of vendor <c>acme</c> as targets entries shaped like the ones <c>upkg publish</c> writes: path
/// <c>acme/acme.product-N-1.2.3.upkg</c>, a SHA-256, and the release facts as the <c>custom</c> object.
/// </summary>
public static class AcmeReleases
{
    public const string Vendor = "acme";

    private static readonly NuGetVersion ReleaseVersion = NuGetVersion.Parse("1.2.3");

    /// <summary>The target path of release <paramref name="index"/>.</summary>
    public static string PathOf(int index) => $"{Vendor}/{Vendor}.product-{index}-{ReleaseVersion.ToFullString()}.upkg";

    /// <summary>
    /// The signed description of release <paramref name="index"/>. No package exists; the hash is of the path,
    /// which gives every entry a distinct, realistic-looking digest.
    /// </summary>
    public static TargetFile Describe(int index)
    {
        var facts = new ReleaseFacts { Product = $"{Vendor}.product-{index}", Version = ReleaseVersion, Kind = ProductKinds.Platform };
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PathOf(index))));
        return new TargetFile(1_000_000 + index, new Dictionary<string, string> { ["sha256"] = sha256 }, facts.ToCustom());
    }

    /// <summary>Releases 0 to <paramref name="count"/> - 1, by target path.</summary>
    public static Dictionary<string, TargetFile> Create(int count)
    {
        var targets = new Dictionary<string, TargetFile>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            targets[PathOf(i)] = Describe(i);
        }

        return targets;
    }
}
