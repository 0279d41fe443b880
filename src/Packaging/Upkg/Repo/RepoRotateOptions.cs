namespace UpdateServer.Upkg.Repo;

/// <summary>What <c>upkg repo rotate</c> changes in the next root.</summary>
/// <param name="RepositoryDirectory">The operator's repository folder.</param>
/// <param name="Role">root, targets, snapshot or timestamp.</param>
/// <param name="AddKeys">Public key files to trust for the role.</param>
/// <param name="RemoveKeys">Keyids (or public key files) to stop trusting for the role.</param>
/// <param name="Threshold">The role's new threshold; null keeps it.</param>
/// <param name="NewOnlineKey">For snapshot/timestamp: generate a new key for the server and trust it alone.</param>
/// <param name="Expires">Lifetime of the new root.</param>
/// <param name="TargetsExpires">Lifetime of the new targets version prepared when the targets keys change.</param>
public sealed record RepoRotateOptions(
    string RepositoryDirectory,
    string Role,
    IReadOnlyList<string> AddKeys,
    IReadOnlyList<string> RemoveKeys,
    int? Threshold,
    bool NewOnlineKey,
    TimeSpan Expires,
    TimeSpan TargetsExpires);
