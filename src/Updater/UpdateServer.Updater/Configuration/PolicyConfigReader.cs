using System.Globalization;
using UpdateServer.Updater.Policies;

namespace UpdateServer.Updater.Configuration;

/// <summary>Validates the <c>policy</c> object; every error names the key.</summary>
public static class PolicyConfigReader
{
    /// <exception cref="ConfigurationException">A value is invalid.</exception>
    public static UpdatePolicy Read(PolicyConfig? config, string file)
    {
        if (config is null)
        {
            return UpdatePolicy.Default;
        }

        var mode = config.Mode ?? PolicyModes.Auto;
        if (!PolicyModes.All.Contains(mode))
        {
            throw Invalid(file, "policy.mode", $"must be one of {string.Join(", ", PolicyModes.All)}");
        }

        if (config.DeferDays is < 0 or > 365)
        {
            throw Invalid(file, "policy.deferDays", "must be from 0 to 365");
        }

        return new UpdatePolicy(mode, Window(config.MaintenanceWindow, file), TimeSpan.FromDays(config.DeferDays ?? 0));
    }

    private static MaintenanceWindow? Window(MaintenanceWindowConfig? config, string file)
    {
        if (config is null)
        {
            return null;
        }

        // An empty list would be a window that never opens: nothing would ever install.
        if (config.Days is { Count: 0 })
        {
            throw Invalid(file, "policy.maintenanceWindow.days", "must list at least one day (leave it out for every day)");
        }

        var days = config.Days is null ? Enum.GetValues<DayOfWeek>().ToHashSet() : [];
        foreach (var day in config.Days ?? [])
        {
            days.Add(Day(day) ?? throw Invalid(file, "policy.maintenanceWindow.days", "must list days like \"mon\" or \"monday\""));
        }

        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(config.TimeZone ?? "UTC");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw Invalid(file, "policy.maintenanceWindow.timeZone", "must be an IANA time zone id like \"Europe/Vienna\"");
        }

        var start = TimeOfDay(config.Start, file, "policy.maintenanceWindow.start");
        var end = TimeOfDay(config.End, file, "policy.maintenanceWindow.end");
        return start == end ? throw Invalid(file, "policy.maintenanceWindow.end", "must differ from start") : new MaintenanceWindow(days, start, end, zone);
    }

    /// <summary>A day named in full or by its first three letters, in any case ("sat", "Saturday"); null for anything else.</summary>
    private static DayOfWeek? Day(string? name) => Enum.GetValues<DayOfWeek>().Cast<DayOfWeek?>().FirstOrDefault(day =>
        string.Equals(name, day.ToString(), StringComparison.OrdinalIgnoreCase) || string.Equals(name, day.ToString()![..3], StringComparison.OrdinalIgnoreCase));

    private static TimeSpan TimeOfDay(string? text, string file, string key) =>
        TimeSpan.TryParseExact(text, "hh\\:mm", CultureInfo.InvariantCulture, out var time) && time < TimeSpan.FromDays(1)
            ? time
            : throw Invalid(file, key, "must be a time of day like \"02:30\"");

    private static ConfigurationException Invalid(string file, string key, string rule) => new($"{file}: \"{key}\" {rule}.");
}
