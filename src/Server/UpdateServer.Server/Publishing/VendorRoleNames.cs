using System.Text.RegularExpressions;

namespace UpdateServer.Server.Publishing;

/// <summary>
/// A vendor's roles: the vendor role itself (its name) and sub-roles it delegates to, named
/// <c>&lt;vendor&gt;.&lt;name&gt;</c> (hashed bins are <c>acme.bin-3f</c>). The dot cannot occur in vendor names, so
/// no vendor's role can ever be named like another vendor's.
/// </summary>
public static partial class VendorRoleNames
{
    public const int MaxSubRoles = 4096;

    public static bool IsSubRoleOf(string role, string vendor) =>
        role.Length > vendor.Length + 1 && role.StartsWith(vendor + ".", StringComparison.Ordinal) && SubRole().IsMatch(role[(vendor.Length + 1)..]);

    /// <summary>The role a metadata part names by its file name (<c>acme.json</c>, <c>acme.bin-3f.json</c>), or null.</summary>
    public static string? FromFileName(string? fileName) =>
        fileName is { Length: > 5 and <= 200 } && fileName.EndsWith(".json", StringComparison.Ordinal) && FileRole().IsMatch(fileName[..^5])
            ? fileName[..^5]
            : null;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SubRole();

    [GeneratedRegex("^[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex FileRole();
}
