namespace UpdateServer.Packaging.Catalog;

/// <summary>
/// What a machine should install, in order, and why; what it should not, and why; and what cannot be satisfied.
/// </summary>
public sealed record InstallPlan(IReadOnlyList<PlanStep> Steps, IReadOnlyList<HeldRelease> Held, IReadOnlyList<UnsatisfiedProduct> Unsatisfied);
