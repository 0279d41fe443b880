using UpdateServer.Updater.Hooks;

namespace UpdateServer.Updater.Updating;

/// <summary>The outcome of applying one plan step: the product whose version it moved, from what to what, and the hooks it ran.</summary>
public sealed record ApplyResult(
    string Product,
    string? FromVersion,
    string ToVersion,
    string Outcome,
    string? ErrorCode,
    string? Error,
    IReadOnlyList<HookResult> Hooks)
{
    public bool Succeeded => Outcome == ApplyOutcomes.Succeeded;

    public static ApplyResult Skipped(TrustedUpdate update, string reason) =>
        new(update.Facts.InstallsProduct, update.FromVersion, update.Facts.InstallsVersion.ToFullString(), ApplyOutcomes.Skipped,
            "earlier-step-failed", reason, []);
}
