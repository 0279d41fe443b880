using UpdateServer.Updater.Policies;

namespace UpdateServer.Updater.Tests.Policies;

public sealed class MaintenanceWindowTests
{
    // 2026-11-24 is a Tuesday; Vienna is UTC+1 in winter, UTC+2 in summer.
    [Theory]
    [InlineData("2026-11-24T01:30:00Z", "02:00", "05:00", true)]
    [InlineData("2026-11-24T00:59:00Z", "02:00", "05:00", false)]
    [InlineData("2026-11-24T04:00:00Z", "02:00", "05:00", false)]
    [InlineData("2026-07-07T00:30:00Z", "02:00", "05:00", true)]
    [InlineData("2026-11-24T22:30:00Z", "23:00", "03:00", true)]
    [InlineData("2026-11-25T01:00:00Z", "23:00", "03:00", true)]
    [InlineData("2026-11-25T02:30:00Z", "23:00", "03:00", false)]
    [InlineData("2026-11-25T22:30:00Z", "23:00", "03:00", false)]
    public void OpensOnItsDaysAtLocalTimeInItsZone(string utc, string start, string end, bool open)
    {
        var window = new MaintenanceWindow(new HashSet<DayOfWeek> { DayOfWeek.Tuesday }, TimeSpan.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.Parse(end, System.Globalization.CultureInfo.InvariantCulture), TimeZoneInfo.FindSystemTimeZoneById("Europe/Vienna"));

        Assert.Equal(open, window.Contains(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
