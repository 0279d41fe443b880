using UpdateServer.Packaging.Catalog;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Catalog;

/// <summary>One release as the history API shows it: identity, lifecycle state, whether it is still listed, and its events.</summary>
public sealed record ReleaseHistory(
    string Product,
    string Version,
    string Kind,
    string Channel,
    string State,
    string? StateReason,
    string TargetPath,
    long Length,
    string Sha256,
    DateTimeOffset PublishedAt,
    DateTimeOffset? RemovedAt,
    IReadOnlyList<ReleaseHistoryEvent> Events)
{
    public static ReleaseHistory Of(ReleaseRecord release, IEnumerable<ReleaseEventRecord> events) => new(release.Product, release.Version,
        release.Kind, release.Channel, release.State,
        ReleaseFacts.FromStoredJson(release.CustomJson)?.StateReason,
        release.TargetPath, release.Length, release.Sha256, release.PublishedAt, release.RemovedAt,
        events.Select(e => new ReleaseHistoryEvent(e.Event, e.FromState, e.ToState, e.Reason, e.Actor, e.MetadataVersion, e.At)).ToList());
}
