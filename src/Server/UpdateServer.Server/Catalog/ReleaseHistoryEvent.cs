namespace UpdateServer.Server.Catalog;

/// <summary>One entry of a release's audit trail.</summary>
public sealed record ReleaseHistoryEvent(string Event, string? FromState, string? ToState, string? Reason, string Actor, long MetadataVersion,
    DateTimeOffset At);
