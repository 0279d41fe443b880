using System.Text.RegularExpressions;

namespace UpdateServer.Packaging.Catalog;

/// <summary>
/// A hardware ID a driver declares, matched against the IDs a machine reports. Two notations:
/// Linux modalias patterns (<c>pci:v00008086d00001533sv*sd*bc*sc*i*</c>, <c>usb:v046Dp0825*</c>) with shell wildcards
/// <c>*</c> and <c>?</c>, and Windows-style IDs (<c>PCI\VEN_8086&amp;DEV_1533</c>), which match a reported ID exactly
/// (case-insensitively) as Windows does. A match carries a rank so drivers can be ranked as operating systems
/// rank them: an exact ID beats a wildcard pattern, and a longer literal prefix beats a shorter one.
/// </summary>
/// <remarks>
/// A driver names the devices it drives, so a pattern must be specific before any wildcard: a PCI modalias down to
/// vendor and device (<c>pci:v00008086d00001533</c>), a USB one down to vendor and product (<c>usb:v046Dp0825</c>),
/// anything else at least <see cref="MinimumLiteral"/> characters; at most <see cref="MaxWildcards"/> wildcards. A
/// catch-all (<c>pci:*</c>) would put one vendor's driver on every machine, and every check would pay for it.
/// </remarks>
public sealed partial record HardwareIdPattern
{
    public const int MaxLength = 128;
    public const int MaxWildcards = 8;
    public const int MinimumLiteral = 12;

    private HardwareIdPattern(string text, bool isWindows)
    {
        Text = text;
        IsWindows = isWindows;
        var literal = text.AsSpan().IndexOfAny('*', '?');
        HasWildcard = literal >= 0;
        Specificity = HasWildcard ? literal : text.Length;
        Literal = KeyOf(text[..Specificity]);
    }

    public string Text { get; }

    public bool IsWindows { get; }

    public bool HasWildcard { get; }

    /// <summary>Literal characters before the first wildcard: the more, the more specific.</summary>
    public int Specificity { get; }

    /// <summary>
    /// The literal start as matching compares it (upper-case for a Windows ID): a reported ID can match only if its
    /// <see cref="KeyOf"/> starts with this. Computed once, so indexes and matchers built per check do not.
    /// </summary>
    public string Literal { get; }

    /// <summary>A hardware ID as <see cref="Literal"/> is compared with it: Windows IDs (no <c>:</c>) upper-case, as they match case-insensitively.</summary>
    public static string KeyOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.Contains(':') ? id : id.ToUpperInvariant();
    }

    /// <summary>Parses a declared hardware ID; false for anything that is neither notation or is too broad.</summary>
    public static bool TryParse(string? text, out HardwareIdPattern? pattern)
    {
        pattern = WhyInvalid(text) is null ? new HardwareIdPattern(text!, isWindows: !ModaliasPattern().IsMatch(text!)) : null;
        return pattern is not null;
    }

    /// <summary>Why <paramref name="text"/> is not an acceptable driver hardware ID, or null when it is.</summary>
    public static string? WhyInvalid(string? text)
    {
        if (text is not { Length: > 0 and <= MaxLength })
        {
            return $"a hardware ID has 1 to {MaxLength} characters";
        }

        if (ModaliasPattern().IsMatch(text))
        {
            var wildcards = text.Count(c => c is '*' or '?');
            var literal = text.AsSpan().IndexOfAny('*', '?') is var first and >= 0 ? text[..first] : text;
            return wildcards > MaxWildcards ? $"a modalias pattern has at most {MaxWildcards} wildcards"
                : text.StartsWith("pci:", StringComparison.Ordinal) && !PciDevice().IsMatch(literal)
                    ? "a PCI pattern names vendor and device before any wildcard (pci:v00008086d00001533...)"
                : text.StartsWith("usb:", StringComparison.Ordinal) && !UsbDevice().IsMatch(literal)
                    ? "a USB pattern names vendor and product before any wildcard (usb:v046Dp0825...)"
                : literal.Length < MinimumLiteral ? $"a modalias pattern has at least {MinimumLiteral} characters before any wildcard"
                : null;
        }

        return WindowsId().IsMatch(text) && text.Length >= MinimumLiteral
            ? null
            : "neither a modalias pattern (pci:v00008086d00001533*) nor a Windows ID without wildcards (PCI\\VEN_8086&DEV_1533)";
    }

    /// <summary>True when <paramref name="reported"/> is a hardware ID a machine may report (same notations, no wildcards).</summary>
    public static bool IsReportable(string? reported) =>
        reported is { Length: > 0 and <= MaxLength } && reported.AsSpan().IndexOfAny('*', '?') < 0
        && (ModaliasPattern().IsMatch(reported) || WindowsId().IsMatch(reported));

    /// <summary>True when this pattern matches the reported ID. No allocation.</summary>
    public bool Matches(string reported)
    {
        long steps = 0;
        return Matches(reported, ref steps);
    }

    /// <summary>As <see cref="Matches(string)"/>, adding the characters compared to <paramref name="steps"/> (a pattern with several
    /// stars may compare a character many times), so a caller can bound the work of many matches.</summary>
    public bool Matches(string reported, ref long steps) => IsWindows
        ? !reported.Contains(':') && string.Equals(Text, reported, StringComparison.OrdinalIgnoreCase) && (steps += reported.Length) > 0
        : reported.Contains(':') && Trust.PathPattern.SegmentMatches(Text, reported, ref steps);

    public override string ToString() => Text;

    [GeneratedRegex("^[a-z0-9]+:[A-Za-z0-9*?:_.,+-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ModaliasPattern();

    [GeneratedRegex("^[A-Za-z0-9]+\\\\[A-Za-z0-9_&.\\\\-]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex WindowsId();

    [GeneratedRegex("^pci:v[0-9A-Fa-f]{8}d[0-9A-Fa-f]{8}", RegexOptions.CultureInvariant)]
    private static partial Regex PciDevice();

    [GeneratedRegex("^usb:v[0-9A-Fa-f]{4}p[0-9A-Fa-f]{4}", RegexOptions.CultureInvariant)]
    private static partial Regex UsbDevice();
}
