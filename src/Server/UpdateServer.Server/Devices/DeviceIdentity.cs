using System.Text.RegularExpressions;

namespace UpdateServer.Server.Devices;

/// <summary>Device ids as the API accepts them: 1–128 letters, digits, <c>.</c>, <c>_</c> or <c>-</c>.</summary>
public static partial class DeviceIdentity
{
    public const string Rule = "deviceId is required: 1-128 letters, digits, '.', '_' or '-'.";

    public static bool IsValid(string? deviceId) => deviceId is not null && Pattern().IsMatch(deviceId);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
