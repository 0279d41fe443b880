namespace UpdateServer.Packaging.Bulletins;

/// <summary>
/// Severities, lowest first. For security bulletins the severity is CVSS v3.1's qualitative rating of the base score
/// (CVSS v3.1 specification, section 5), so it is never chosen by hand there.
/// </summary>
public static class BulletinSeverities
{
    public const string None = "none";
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";
    public const string Critical = "critical";

    /// <summary>Every severity in rising order; the index is the rank.</summary>
    public static IReadOnlyList<string> All { get; } = [None, Low, Medium, High, Critical];

    public static bool IsKnown(string? severity) => Rank(severity) >= 0;

    /// <summary>0 for none up to 4 for critical; -1 when unknown.</summary>
    public static int Rank(string? severity) => severity is null ? -1 : All.ToList().IndexOf(severity);

    /// <summary>The qualitative rating of a CVSS v3.1 base score.</summary>
    public static string OfScore(decimal score) => score switch
    {
        0m => None,
        < 4.0m => Low,
        < 7.0m => Medium,
        < 9.0m => High,
        _ => Critical,
    };
}
