using UpdateServer.Server.Data;

namespace UpdateServer.Server.Publishing;

/// <summary>The lifecycle events a publish records, and how each is built from the plan.</summary>
public static class ReleaseEvents
{
    public const string Published = "published";
    public const string StateChanged = "state-changed";
    public const string Removed = "removed";
    public const string Restored = "restored";

    public static ReleaseEventRecord Of(PublishPlan plan, PlannedTarget target, string kind, string? fromState, DateTimeOffset at) => new()
    {
        Vendor = plan.Vendor,
        TargetPath = target.Path,
        Product = target.Facts.Product,
        Version = target.Facts.Version.ToFullString(),
        Event = kind,
        FromState = fromState,
        ToState = target.Facts.State,
        Reason = target.Facts.StateReason,
        Actor = plan.Vendor,
        MetadataVersion = plan.VersionOf(target.Role),
        At = at,
    };

    public static ReleaseEventRecord Removal(PublishPlan plan, ReleaseRecord release, DateTimeOffset at) => new()
    {
        Vendor = plan.Vendor,
        TargetPath = release.TargetPath,
        Product = release.Product,
        Version = release.Version,
        Event = Removed,
        FromState = release.State,
        Actor = plan.Vendor,
        MetadataVersion = plan.VersionOf(plan.RoleOf(release.TargetPath)),
        At = at,
    };
}
