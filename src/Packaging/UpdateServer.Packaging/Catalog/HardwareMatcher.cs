namespace UpdateServer.Packaging.Catalog;

/// <summary>
/// Matches drivers against one machine's hardware IDs for one check. A pattern is compared only with the IDs that
/// start with its literal part (found by binary search in the sorted IDs), each distinct pattern once (driver versions
/// mostly share their patterns), and at most <see cref="MaxSteps"/> characters are compared in all, so no catalog and
/// no inventory within the limits can make a check expensive. Past the budget no further driver matches, and
/// <see cref="Exhausted"/> says so.
/// </summary>
public sealed class HardwareMatcher
{
    public const long MaxSteps = 2_000_000;

    private readonly IReadOnlyList<string> _reported;
    private readonly (string Key, int Position)[] _sorted;
    private readonly Dictionary<string, HardwareMatch?> _byPattern = new(StringComparer.Ordinal);
    private long _steps;

    public HardwareMatcher(IReadOnlyList<string> reported)
    {
        ArgumentNullException.ThrowIfNull(reported);
        _reported = reported;
        _sorted = [.. reported.Select((id, i) => (Key: HardwareIdPattern.KeyOf(id), Position: i)).OrderBy(x => x.Key, StringComparer.Ordinal)];
    }

    /// <summary>True once the comparison budget ran out; drivers not matched by then were not matched at all.</summary>
    public bool Exhausted { get; private set; }

    /// <summary>The best match of <paramref name="facts"/>' hardware IDs, ranked as <see cref="HardwareMatch.Ranking"/> does; null for none.</summary>
    public HardwareMatch? Best(ReleaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        HardwareMatch? best = null;
        foreach (var pattern in facts.HardwareIds)
        {
            if (!_byPattern.TryGetValue(pattern.Text, out var match))
            {
                match = Match(pattern);
                if (!Exhausted)
                {
                    _byPattern[pattern.Text] = match;
                }
            }

            if (HardwareMatch.Ranking.Compare(match, best) < 0)
            {
                best = match;
            }
        }

        return best;
    }

    private HardwareMatch? Match(HardwareIdPattern pattern)
    {
        var literal = pattern.Literal;
        HardwareMatch? best = null;
        for (var i = FirstStartingWith(literal); i < _sorted.Length && _sorted[i].Key.StartsWith(literal, StringComparison.Ordinal); i++)
        {
            if (_steps > MaxSteps)
            {
                Exhausted = true;
                return null;
            }

            var position = _sorted[i].Position;
            if (pattern.Matches(_reported[position], ref _steps))
            {
                var match = new HardwareMatch(_reported[position], !pattern.HasWildcard, pattern.Specificity, position);
                if (HardwareMatch.Ranking.Compare(match, best) < 0)
                {
                    best = match;
                }
            }
        }

        return best;
    }

    /// <summary>The index of the first sorted ID not less than <paramref name="prefix"/>: where IDs starting with it begin.</summary>
    private int FirstStartingWith(string prefix)
    {
        int lo = 0, hi = _sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(_sorted[mid].Key, prefix) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
