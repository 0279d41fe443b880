namespace UpdateServer.Packaging.Repository;

/// <summary>
/// The files <c>upkg repo init</c> writes for the server (its <c>server/</c> folder) and the server reads at
/// start: the offline-signed root and targets, the vendor list, and the online snapshot and timestamp keys.
/// </summary>
public static class ServerRepositoryFiles
{
    public const string Root = "root.json";
    public const string Targets = "targets.json";
    public const string Vendors = "vendors.json";

    /// <summary>The SHA-256 of each operator API key, which may push new root, targets and vendor lists to a running server.</summary>
    public const string Operators = "operators.json";
    public const string SnapshotKey = "snapshot.key";
    public const string TimestampKey = "timestamp.key";
}
