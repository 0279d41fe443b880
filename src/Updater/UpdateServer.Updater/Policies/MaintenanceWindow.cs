namespace UpdateServer.Updater.Policies;

/// <summary>
/// When installs may happen: on the given days, from <see cref="Start"/> to <see cref="End"/> local time in an IANA
/// time zone (so daylight saving moves with the site). An end before the start runs past midnight into the next day;
/// the day named is the day the window opens.
/// </summary>
public sealed record MaintenanceWindow(IReadOnlySet<DayOfWeek> Days, TimeSpan Start, TimeSpan End, TimeZoneInfo TimeZone)
{
    public bool Contains(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZone);
        var time = local.TimeOfDay;
        if (Start < End)
        {
            return Days.Contains(local.DayOfWeek) && time >= Start && time < End;
        }

        var yesterday = (DayOfWeek)(((int)local.DayOfWeek + 6) % 7);
        return (Days.Contains(local.DayOfWeek) && time >= Start) || (Days.Contains(yesterday) && time < End);
    }

    public override string ToString() =>
        $"{string.Join(",", Days.Order().Select(d => d.ToString()[..3].ToLowerInvariant()))} {Start:hh\\:mm}-{End:hh\\:mm} {TimeZone.Id}";
}
