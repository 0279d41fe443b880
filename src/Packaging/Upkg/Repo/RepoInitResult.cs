namespace UpdateServer.Upkg.Repo;

/// <summary>The outcome of <c>upkg repo init</c>; also its <c>--json</c> output.</summary>
/// <param name="Directory">The output folder.</param>
/// <param name="ConsistentSnapshot">Whether root enables consistent snapshots.</param>
/// <param name="Roles">The top-level roles: name, keyids, threshold, expiry (snapshot and timestamp have none here).</param>
/// <param name="Vendors">The delegations, in order, with the file holding each vendor's API key.</param>
/// <param name="Files">Every file written, relative to <paramref name="Directory"/>.</param>
public sealed record RepoInitResult(
    string Directory,
    bool ConsistentSnapshot,
    IReadOnlyList<RepoRoleSummary> Roles,
    IReadOnlyList<RepoVendorSummary> Vendors,
    IReadOnlyList<string> Files);
