namespace UpdateServer.Packaging.Bulletins;

/// <summary>Where a bulletin stands: in force, replaced by another bulletin, or taken back.</summary>
public static class BulletinStatuses
{
    public const string Active = "active";
    public const string Superseded = "superseded";
    public const string Withdrawn = "withdrawn";

    public static IReadOnlyList<string> All { get; } = [Active, Superseded, Withdrawn];

    public static bool IsKnown(string? status) => status is not null && All.Contains(status, StringComparer.Ordinal);
}
