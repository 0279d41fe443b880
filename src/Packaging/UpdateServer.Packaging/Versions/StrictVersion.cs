using System.Diagnostics.CodeAnalysis;
using NuGet.Versioning;

namespace UpdateServer.Packaging.Versions;

/// <summary>
/// Product versions are SemVer 2.0 exactly (NuGet's strict parser): <c>2.0.0</c>, <c>2.1.0-beta.1</c>,
/// <c>1.0.0+build.5</c>; not <c>2.0</c>, <c>v2.0.0</c> or <c>01.0.0</c>. Build metadata never orders versions.
/// </summary>
public static class StrictVersion
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out NuGetVersion? version)
    {
        version = null;
        return text is { Length: > 0 and <= 256 } && NuGetVersion.TryParseStrict(text, out version);
    }

    /// <exception cref="FormatException">The text is not a SemVer 2.0 version.</exception>
    public static NuGetVersion Parse(string? text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"\"{text}\" is not a SemVer 2.0 version.");
}
