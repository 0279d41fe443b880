using System.Text.RegularExpressions;

namespace UpdateServer.Packaging.Catalog;

/// <summary>
/// A hardware ID a driver declares, matched against the IDs a machine reports. Two notations:
/// Linux modalias patterns (<c>pci:v00008086d00001533*</c>, <c>usb:v046Dp0825*</c>) with shell wildcards <c>*</c>
/// and <c>?</c>, and Windows-style IDs (<c>PCI\VEN_8086&amp;DEV_1533</c>), which match a reported ID exactly
/// (case-insensitively) as Windows does. A match carries a rank so drivers can be ranked as operating systems
/// rank them: an exact ID beats a wildcard pattern, and a longer literal prefix beats a shorter one.
/// </summary>
public sealed partial record HardwareIdPattern
{
    public const int MaxLength = 256;

    private readonly string _upper;

    private HardwareIdPattern(string text, bool isWindows)
    {
        Text = text;
        IsWindows = isWindows;
        _upper = text.ToUpperInvariant();
        var literal = text.TakeWhile(c => c is not ('*' or '?')).Count();
        HasWildcard = literal < text.Length;
        Specificity = literal;
    }

    public string Text { get; }

    public bool IsWindows { get; }

    public bool HasWildcard { get; }

    /// <summary>Literal characters before the first wildcard: the more, the more specific.</summary>
    public int Specificity { get; }

    /// <summary>Parses a declared hardware ID; false for anything that is neither notation.</summary>
    public static bool TryParse(string? text, out HardwareIdPattern? pattern)
    {
        pattern = null;
        if (text is not { Length: > 0 and <= MaxLength })
        {
            return false;
        }

        if (ModaliasPattern().IsMatch(text))
        {
            pattern = new HardwareIdPattern(text, isWindows: false);
        }
        else if (WindowsPattern().IsMatch(text))
        {
            pattern = new HardwareIdPattern(text, isWindows: true);
        }

        return pattern is not null;
    }

    /// <summary>True when <paramref name="reported"/> is a hardware ID a machine may report (same notations, no wildcards).</summary>
    public static bool IsReportable(string? reported) =>
        reported is { Length: > 0 and <= MaxLength } && !reported.Contains('*') && !reported.Contains('?')
        && (ModaliasPattern().IsMatch(reported) || WindowsPattern().IsMatch(reported));

    /// <summary>True when this pattern matches the reported ID.</summary>
    public bool Matches(string reported) => IsWindows
        ? !reported.Contains(':') && Trust.PathPattern.Matches(_upper, reported.ToUpperInvariant())
        : reported.Contains(':') && Trust.PathPattern.Matches(Text, reported);

    public override string ToString() => Text;

    [GeneratedRegex("^[a-z0-9]+:[A-Za-z0-9*?:_.,+-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ModaliasPattern();

    [GeneratedRegex("^[A-Za-z0-9]+\\\\[A-Za-z0-9_&.*?\\\\-]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex WindowsPattern();
}
