namespace UpdateServer.Packaging.Trust;

/// <summary>
/// PATHPATTERN matching (spec 4.5, "paths"): shell-style <c>*</c>, <c>?</c> and <c>[...]</c>, where a wildcard
/// never matches the <c>/</c> separator. Pattern and path must have the same number of segments.
/// </summary>
public static class PathPattern
{
    public static bool Matches(string pattern, string path)
    {
        var patternParts = pattern.Split('/');
        var pathParts = path.Split('/');
        if (patternParts.Length != pathParts.Length)
        {
            return false;
        }

        long steps = 0;
        for (var i = 0; i < patternParts.Length; i++)
        {
            if (!SegmentMatches(patternParts[i], pathParts[i], ref steps))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Matches one segment (no <c>/</c> in either): the shell glob alone, also used for driver hardware IDs. Adds the
    /// characters compared to <paramref name="steps"/> (a pattern with several stars may compare a character many
    /// times), so a caller can bound the work of many matches.
    /// </summary>
    internal static bool SegmentMatches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, ref long steps)
    {
        // Iterative glob with single-star backtracking: linear in practice, no recursion on hostile input.
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            steps++;
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (p < pattern.Length && TryMatchOne(pattern, ref p, text[t]))
            {
                t++;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>Matches one character at <paramref name="p"/>; advances past the token on success.</summary>
    private static bool TryMatchOne(ReadOnlySpan<char> pattern, ref int p, char c)
    {
        if (pattern[p] == '?')
        {
            p++;
            return true;
        }

        if (pattern[p] == '[' && TryMatchClass(pattern, p, c, out var end, out var matched))
        {
            if (matched)
            {
                p = end + 1;
            }

            return matched;
        }

        if (pattern[p] == c)
        {
            p++;
            return true;
        }

        return false;
    }

    private static bool TryMatchClass(ReadOnlySpan<char> pattern, int start, char c, out int end, out bool matched)
    {
        var i = start + 1;
        var negate = i < pattern.Length && pattern[i] == '!';
        if (negate)
        {
            i++;
        }

        var first = i;
        matched = false;
        while (i < pattern.Length && (pattern[i] != ']' || i == first))
        {
            if (i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] != ']')
            {
                matched |= c >= pattern[i] && c <= pattern[i + 2];
                i += 3;
            }
            else
            {
                matched |= c == pattern[i];
                i++;
            }
        }

        end = i;
        if (i >= pattern.Length)
        {
            // No closing bracket: fnmatch treats "[" literally.
            matched = false;
            return false;
        }

        matched ^= negate;
        return true;
    }
}
