using System.Text.RegularExpressions;

namespace UpdateServer.Server.Storage;

/// <summary>Blob key conventions and the check every store applies to keys.</summary>
public static partial class BlobKeys
{
    /// <summary>The key of a target file's bytes: its SHA-256, so identical packages are stored once.</summary>
    public static string ForTarget(string sha256) => $"targets/{sha256}";

    /// <summary>True for keys of lowercase letters, digits, <c>-</c>, <c>_</c>, <c>.</c> in <c>/</c>-separated segments, no <c>..</c>.</summary>
    public static bool IsValid(string key) => KeyPattern().IsMatch(key) && !key.Split('/').Any(s => s is "." or "..");

    [GeneratedRegex("^[a-z0-9_.-]+(/[a-z0-9_.-]+)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
