using System.Diagnostics.CodeAnalysis;
using UpdateServer.Packaging.Catalog;

namespace UpdateServer.Packaging.Packages;

/// <summary>
/// The JSON spelling of <see cref="PackageKind"/> used by <c>manifest.json</c> and <c>upkg.json</c>: lowercase
/// names (<c>platform</c>, <c>driver</c>, <c>upgrade</c>, <c>component</c>), matched exactly (case-sensitive).
/// </summary>
public static class PackageKindNames
{
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined <see cref="PackageKind"/>.</exception>
    public static string ToJson(PackageKind kind) => kind switch
    {
        PackageKind.Platform => ProductKinds.Platform,
        PackageKind.Driver => ProductKinds.Driver,
        PackageKind.Upgrade => ProductKinds.Upgrade,
        PackageKind.Component => ProductKinds.Component,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a package kind."),
    };

    /// <summary>Parses a JSON spelling; false for anything else, including other casings and null.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out PackageKind kind)
    {
        foreach (var candidate in Enum.GetValues<PackageKind>())
        {
            if (string.Equals(ToJson(candidate), text, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
