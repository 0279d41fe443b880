namespace UpdateServer.Packaging.Bulletins;

/// <summary>What a bulletin is about. Security bulletins carry a CVSS v3.1 vector; the others do not.</summary>
public static class BulletinTypes
{
    public const string Security = "security";
    public const string Bugfix = "bugfix";
    public const string Enhancement = "enhancement";
    public const string Notice = "notice";

    public static IReadOnlyList<string> All { get; } = [Security, Bugfix, Enhancement, Notice];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);
}
