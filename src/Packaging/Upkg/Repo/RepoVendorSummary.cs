namespace UpdateServer.Upkg.Repo;

/// <summary>A vendor's delegation and where its API key was written.</summary>
public sealed record RepoVendorSummary(string Name, string KeyId, IReadOnlyList<string> Paths, string ApiKeyFile);
