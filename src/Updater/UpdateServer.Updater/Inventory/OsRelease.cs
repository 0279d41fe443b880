using NuGet.Versioning;
using UpdateServer.Packaging.Catalog;

namespace UpdateServer.Updater.Inventory;

/// <summary>
/// The distribution as <c>/etc/os-release</c> names it (<c>ID</c>, <c>VERSION_ID</c>, <c>PRETTY_NAME</c>). It also
/// becomes a component, <c>os.&lt;id&gt;</c>, so requirements and bulletins can name the operating system.
/// </summary>
public sealed record OsRelease(string? Id, string? VersionId, string? PrettyName)
{
    private const long MaxFileBytes = 64 * 1024;

    public static OsRelease Unknown { get; } = new(null, null, null);

    /// <summary>The component id and version, or null when the file names no usable ID and version.</summary>
    public (string Id, NuGetVersion Version)? AsComponent =>
        Id is { Length: > 0 and <= 64 } id && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && ReleaseFacts.IsProductId($"os.{id}")
        && VersionId is { Length: > 0 and <= 48 } && NuGetVersion.TryParse(VersionId, out var version)
            ? ($"os.{id}", version)
            : null;

    /// <summary>Reads <c>etc/os-release</c> (else <c>usr/lib/os-release</c>) under <paramref name="root"/>; Unknown when neither is readable.</summary>
    public static OsRelease Read(string root)
    {
        foreach (var candidate in new[] { "etc/os-release", "usr/lib/os-release" })
        {
            var path = Path.Combine(root, candidate);
            if (File.Exists(path) && new FileInfo(path).Length <= MaxFileBytes)
            {
                return Parse(File.ReadAllLines(path));
            }
        }

        return Unknown;
    }

    /// <summary>Parses os-release lines: <c>KEY=value</c>, values optionally quoted.</summary>
    public static OsRelease Parse(IEnumerable<string> lines)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && !line.StartsWith('#'))
            {
                values[line[..equals].Trim()] = line[(equals + 1)..].Trim().Trim('"', '\'');
            }
        }

        return new OsRelease(values.GetValueOrDefault("ID"), values.GetValueOrDefault("VERSION_ID"), values.GetValueOrDefault("PRETTY_NAME"));
    }
}
