using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace UpdateServer.Upkg.Cli;

/// <summary>
/// Durations on the command line: a positive whole number and a unit, <c>s</c>, <c>m</c>, <c>h</c>, <c>d</c> or
/// <c>w</c> (<c>90d</c>, <c>12h</c>, <c>365d</c>), at most 100 years. Whole units only, so expiry dates built from
/// them keep whole seconds.
/// </summary>
public static class DurationText
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(36525);

    public static bool TryParse(string? text, [NotNullWhen(true)] out TimeSpan? duration)
    {
        duration = null;
        if (text is not { Length: >= 2 and <= 12 }
            || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count < 1)
        {
            return false;
        }

        var unit = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            'w' => TimeSpan.FromDays(7),
            _ => TimeSpan.Zero,
        };
        if (unit == TimeSpan.Zero || count > Longest.Ticks / unit.Ticks)
        {
            return false;
        }

        duration = unit * count;
        return true;
    }

    /// <exception cref="FormatException">The text is not a duration.</exception>
    public static TimeSpan Parse(string? text) =>
        TryParse(text, out var duration) ? duration.Value : throw new FormatException(Describe(text));

    /// <summary>The complaint about a text that is not a duration.</summary>
    public static string Describe(string? text) =>
        $"\"{text}\" is not a duration like 90d, 12h or 30m (a whole number and s, m, h, d or w; at most 100 years).";
}
