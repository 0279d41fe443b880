using System.Text.RegularExpressions;

namespace UpdateServer.Updater.Configuration;

/// <summary>A validated component probe.</summary>
public sealed record ComponentProbe(string Id, string Command, IReadOnlyList<string> Arguments, Regex Pattern, TimeSpan Timeout);
