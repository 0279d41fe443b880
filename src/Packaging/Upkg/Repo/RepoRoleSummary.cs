namespace UpdateServer.Upkg.Repo;

/// <summary>A top-level role as root.json defines it.</summary>
public sealed record RepoRoleSummary(string Role, IReadOnlyList<string> KeyIds, int Threshold, DateTimeOffset? Expires);
