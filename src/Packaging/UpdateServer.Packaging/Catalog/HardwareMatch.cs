namespace UpdateServer.Packaging.Catalog;

/// <summary>
/// How well a driver matches a machine, ranked as operating systems rank drivers: an exact ID beats a wildcard one;
/// among those, more literal characters beat fewer; then an ID the machine lists earlier (Windows lists its IDs from
/// most to least specific) beats a later one.
/// </summary>
public sealed record HardwareMatch(string ReportedId, bool Exact, int Specificity, int Position)
{
    /// <summary>Orders matches best first.</summary>
    public static IComparer<HardwareMatch?> Ranking { get; } = Comparer<HardwareMatch?>.Create((a, b) => a is null ? (b is null ? 0 : 1) : a.CompareTo(b));

    /// <summary>Negative when this match is better than <paramref name="other"/>.</summary>
    private int CompareTo(HardwareMatch? other)
    {
        if (other is null)
        {
            return -1;
        }

        if (Exact != other.Exact)
        {
            return Exact ? -1 : 1;
        }

        return Specificity != other.Specificity ? other.Specificity.CompareTo(Specificity) : Position.CompareTo(other.Position);
    }

    /// <summary>The best match of <paramref name="facts"/>' hardware IDs among <paramref name="reported"/>, or null.</summary>
    public static HardwareMatch? Best(ReleaseFacts facts, IReadOnlyList<string> reported) => new HardwareMatcher(reported).Best(facts);

    public override string ToString() => $"{ReportedId} ({(Exact ? "exact" : "wildcard")} match)";
}
