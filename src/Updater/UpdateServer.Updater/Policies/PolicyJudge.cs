using UpdateServer.Updater.Updating;

namespace UpdateServer.Updater.Policies;

/// <summary>
/// Applies the policy to one confirmed update. Order: <c>notify</c> lists only; a non-mandatory update first seen
/// less than the deferral ago waits (mandatory ones never do); <c>download-only</c> — and any update outside the
/// maintenance window — is downloaded and verified but not installed, so the window is spent installing, not fetching.
/// </summary>
public sealed class PolicyJudge(UpdatePolicy policy)
{
    public PolicyDecision Decide(TrustedUpdate update, DateTimeOffset firstSeen, DateTimeOffset now, bool downloadOnlyRequested)
    {
        if (policy.Mode == PolicyModes.Notify)
        {
            return new(PolicyAction.Notify, "policy notify: available, not downloaded");
        }

        if (!update.Facts.Mandatory && policy.Deferral > TimeSpan.Zero && now - firstSeen < policy.Deferral)
        {
            return new(PolicyAction.Defer, $"deferred until {firstSeen + policy.Deferral:u} (non-mandatory updates wait {policy.Deferral.TotalDays:0.#} days)");
        }

        if (downloadOnlyRequested || policy.Mode == PolicyModes.DownloadOnly)
        {
            return new(PolicyAction.DownloadOnly, "downloaded and verified; not installed (download-only)");
        }

        return policy.Window is { } window && !window.Contains(now)
            ? new(PolicyAction.DownloadOnly, $"downloaded and verified; installs in the maintenance window ({window})")
            : PolicyDecision.Install;
    }
}
