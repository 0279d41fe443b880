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

    /// <summary>True for an outcome that needs attention: failed, rolled back, or skipped because of a failure.</summary>
    public bool IsFailure => Outcome is not (ApplyOutcomes.Succeeded or ApplyOutcomes.Held);

    public static ApplyResult Skipped(TrustedUpdate update, string reason) =>
        new(update.Facts.InstallsProduct, update.FromVersion, update.Facts.InstallsVersion.ToFullString(), ApplyOutcomes.Skipped,
            "earlier-step-failed", reason, []);

    public static ApplyResult Held(TrustedUpdate update, string reason) =>
        new(update.Facts.InstallsProduct, update.FromVersion, update.Facts.InstallsVersion.ToFullString(), ApplyOutcomes.Held,
            "rolled-back-before", reason, []);
}
