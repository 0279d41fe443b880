using UpdateServer.Packaging.Catalog;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Publishing;

/// <summary>The lifecycle events a publish records, and how each is built from the plan.</summary>
public static class ReleaseEvents
{
    public const string Published = "published";
    public const string StateChanged = "state-changed";
    public const string Removed = "removed";
    public const string Restored = "restored";

    /// <summary>Channel, mandatory, OS, architecture or the state's reason changed; the event's reason says what.</summary>
    public const string FactsChanged = "facts-changed";

    public static ReleaseEventRecord Of(PublishPlan plan, PlannedTarget target, string kind, string? fromState, DateTimeOffset at, string? reason = null) => new()
    {
        Vendor = plan.Vendor,
        TargetPath = target.Path,
        Product = target.Facts.Product,
        Version = target.Facts.Version.ToFullString(),
        Event = kind,
        FromState = fromState,
        ToState = target.Facts.State,
        Reason = reason ?? target.Facts.StateReason,
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

    /// <summary>What changed in the facts an audit cares about besides the state, e.g. <c>channel beta -> stable</c>; empty when nothing.</summary>
    public static string FactChanges(ReleaseRecord before, ReleaseFacts after)
    {
        if (ReleaseFacts.FromStoredJson(before.CustomJson) is not { } old)
        {
            return string.Empty;
        }

        static string List(IReadOnlyList<string> values) => values.Count == 0 ? "any" : string.Join(",", values);
        var changes = new (string Fact, string Before, string After)[]
        {
            ("channel", old.Channel, after.Channel),
            ("mandatory", old.Mandatory ? "yes" : "no", after.Mandatory ? "yes" : "no"),
            ("os", List(old.OperatingSystems), List(after.OperatingSystems)),
            ("arch", List(old.Architectures), List(after.Architectures)),
            ("stateReason", old.StateReason ?? "none", after.StateReason ?? "none"),
        };
        var text = string.Join("; ", changes.Where(c => c.Before != c.After).Select(c => $"{c.Fact} {c.Before} -> {c.After}"));
        return text.Length <= ReleaseFacts.MaxStateReasonLength ? text : text[..(ReleaseFacts.MaxStateReasonLength - 1)] + "…";
    }
}
