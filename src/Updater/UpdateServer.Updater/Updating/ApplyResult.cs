namespace UpdateServer.Updater.Updating;

/// <summary>The outcome of applying one update.</summary>
public sealed record ApplyResult(string Product, string? FromVersion, string ToVersion, bool Succeeded, string? ErrorCode, string? Error);
