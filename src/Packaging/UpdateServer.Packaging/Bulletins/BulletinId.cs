using System.Text.RegularExpressions;

namespace UpdateServer.Packaging.Bulletins;

/// <summary>Bulletin ids: <c>&lt;VENDOR&gt;-&lt;YEAR&gt;-&lt;NNNN&gt;</c>, e.g. <c>ACME-2026-0001</c>; the vendor part is the vendor name in capitals.</summary>
public static partial class BulletinId
{
    public const string Rule = "a bulletin id is <VENDOR>-<YEAR>-<NNNN>: the vendor name in capitals, a four-digit year and a number of 4 to 9 digits (ACME-2026-0001)";

    public static bool IsValid(string? id) => id is { Length: <= 96 } && Pattern().IsMatch(id);

    /// <summary>True when <paramref name="id"/> is a valid id in <paramref name="vendor"/>'s namespace.</summary>
    public static bool BelongsTo(string id, string vendor) =>
        IsValid(id) && string.Equals(Pattern().Match(id).Groups["vendor"].Value, vendor, StringComparison.OrdinalIgnoreCase);

    /// <summary>The vendor name a valid id belongs to: its vendor part in lowercase (<c>acme</c> for ACME-2026-0001).</summary>
    public static string VendorOf(string id) => Pattern().Match(id).Groups["vendor"].Value.ToLowerInvariant();

    [GeneratedRegex("^(?<vendor>[A-Z][A-Z0-9-]*)-(?<year>[0-9]{4})-(?<number>[0-9]{4,9})\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
