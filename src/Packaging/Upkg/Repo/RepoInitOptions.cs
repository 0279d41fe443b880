namespace UpdateServer.Upkg.Repo;

/// <summary>What <c>upkg repo init</c> sets up.</summary>
/// <param name="OutDirectory">Receives <c>server/</c>, <c>vendor-api-keys/</c> and <c>trusted-root.json</c>.</param>
/// <param name="RootKeyFiles">Private keys of the root role; all of them sign root.json.</param>
/// <param name="RootThreshold">How many root keys must sign a root; at most the number of root keys.</param>
/// <param name="TargetsKeyFile">Private key of the targets role; it signs targets.json.</param>
/// <param name="Vendors">Each vendor's name and public key file, in delegation order.</param>
/// <param name="RootExpires">Lifetime of root.json.</param>
/// <param name="TargetsExpires">Lifetime of targets.json.</param>
/// <param name="ConsistentSnapshot">Whether the repository publishes consistent snapshots (TUF spec 4.3).</param>
public sealed record RepoInitOptions(
    string OutDirectory,
    IReadOnlyList<string> RootKeyFiles,
    int RootThreshold,
    string TargetsKeyFile,
    IReadOnlyList<VendorKeySpec> Vendors,
    TimeSpan RootExpires,
    TimeSpan TargetsExpires,
    bool ConsistentSnapshot = true);
