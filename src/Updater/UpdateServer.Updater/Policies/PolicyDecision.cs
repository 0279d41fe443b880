namespace UpdateServer.Updater.Policies;

/// <summary>What the policy allows for one update now: install it, only download it, only list it, or wait.</summary>
public sealed record PolicyDecision(PolicyAction Action, string Reason)
{
    public static PolicyDecision Install { get; } = new(PolicyAction.Install, string.Empty);
}
