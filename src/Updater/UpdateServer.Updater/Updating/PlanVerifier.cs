using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;

namespace UpdateServer.Updater.Updating;

/// <summary>
/// Checks the server's install plan against signed metadata before anything is installed: finds each step's target
/// through the delegations trusted for its path (TUF 5.6.7), reads its signed facts, and lets <see cref="PlanCheck"/>
/// judge the steps in order. The plan only says where to look.
/// </summary>
public sealed class PlanVerifier(DeviceProfile device)
{
    public async Task<(List<TrustedUpdate> Updates, List<RefusedAdvice> Refused)> ConfirmAsync(TufClient client, IReadOnlyList<PlannedInstall> plan,
        CancellationToken cancellationToken)
    {
        var located = new List<LocatedTarget?>();
        var evidence = new List<StepEvidence>();
        foreach (var step in plan)
        {
            var (target, facts, problem) = await LocateAsync(client, step, cancellationToken);
            located.Add(target);
            evidence.Add(new StepEvidence(step.Product, step.InstallsProduct, target?.Path ?? step.TargetPath, facts, problem));
        }

        var updates = new List<TrustedUpdate>();
        var refused = new List<RefusedAdvice>();
        foreach (var verdict in PlanCheck.Judge(device, evidence))
        {
            var step = plan[verdict.Index];
            if (verdict.Taken)
            {
                var target = located[verdict.Index]!;
                updates.Add(new TrustedUpdate(verdict.FromVersion, target.Path, target.Target, evidence[verdict.Index].Facts!, step.Reason));
            }
            else
            {
                refused.Add(new RefusedAdvice(step.Product, step.TargetPath, verdict.Reason!, verdict.Attack));
            }
        }

        return (updates, refused);
    }

    /// <summary>
    /// Finds the step's target through the delegations trusted for its path. Metadata that cannot be verified (expired,
    /// badly signed, inconsistent with the snapshot) refuses this step alone.
    /// </summary>
    private static async Task<(LocatedTarget? Target, ReleaseFacts? Facts, string? Problem)> LocateAsync(TufClient client, PlannedInstall step,
        CancellationToken cancellationToken)
    {
        LocatedTarget? target;
        try
        {
            target = await client.LocateTargetAsync(step.TargetPath, cancellationToken);
        }
        catch (TufException e)
        {
            return (null, null, $"the metadata trusted for the path cannot be verified: {e.Message}");
        }

        if (target is null)
        {
            return (null, null, null);
        }

        try
        {
            var facts = ReleaseFacts.FromCustom(target.Target.Custom);
            _ = target.Target.Sha256;
            return (target, facts, null);
        }
        catch (Exception e) when (e is ReleaseFactsException or MetadataFormatException)
        {
            return (target, null, $"the signed facts are invalid: {e.Message}");
        }
    }
}
