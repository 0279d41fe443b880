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
    public bool IsFailure => Outcome is ApplyOutcomes.Failed or ApplyOutcomes.RolledBack or ApplyOutcomes.Skipped;

    public static ApplyResult Skipped(TrustedUpdate update, string reason) =>
        new(update.Facts.InstallsProduct, update.FromVersion, update.Facts.InstallsVersion.ToFullString(), ApplyOutcomes.Skipped,
            "earlier-step-failed", reason, []);

    /// <summary>An update the policy did not let install now.</summary>
    public static ApplyResult Postponed(TrustedUpdate update, string outcome, string reason) =>
        new(update.Facts.InstallsProduct, update.FromVersion, update.Facts.InstallsVersion.ToFullString(), outcome, null, reason, []);

    public static ApplyResult Held(TrustedUpdate update, string reason) =>
        new(update.Facts.InstallsProduct, update.FromVersion, update.Facts.InstallsVersion.ToFullString(), ApplyOutcomes.Held,
            "rolled-back-before", reason, []);
}
