namespace UpdateServer.Packaging.Trust;

/// <summary>The top-level role names and the metadata file names the spec derives from them.</summary>
public static class RoleNames
{
    public const string Root = "root";
    public const string Targets = "targets";
    public const string Snapshot = "snapshot";
    public const string Timestamp = "timestamp";

    public static bool IsTopLevel(string role) => role is Root or Targets or Snapshot or Timestamp;

    /// <summary>The METAPATH of a role's metadata, e.g. <c>targets.json</c> (spec 4.4, METAFILES).</summary>
    public static string FileName(string role) => role + ".json";
}
