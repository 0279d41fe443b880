using System.Text.Json.Nodes;
using NuGet.Versioning;

namespace UpdateServer.Packaging.Packages;

/// <summary>
/// The content of <c>upkg.json</c> in a package source folder: the manifest without <c>formatVersion</c> and
/// <c>files</c>, which <see cref="PackageBuilder"/> fills in.
/// </summary>
internal sealed record ManifestTemplate(
    string Product,
    NuGetVersion Version,
    PackageKind Kind,
    string? Description,
    PackageHooks Hooks,
    JsonObject? Applicability)
{
    public const string FileName = "upkg.json";
}
