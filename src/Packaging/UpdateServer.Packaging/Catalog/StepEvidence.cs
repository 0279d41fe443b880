namespace UpdateServer.Packaging.Catalog;

/// <summary>
/// One step of a server's plan with what trusted metadata says about it: the advised product, the path the target
/// was found under, and its signed facts — or why there are none (not listed by any trusted role, unverifiable
/// metadata, invalid facts).
/// </summary>
/// <param name="AdvisedProduct">The product the plan says the step installs.</param>
/// <param name="AdvisedInstallsProduct">The product the plan says the step moves.</param>
/// <param name="TargetPath">The target path the plan points at.</param>
/// <param name="Facts">The signed facts of that target; null when none could be read.</param>
/// <param name="Problem">Why there are no facts; null when no trusted role lists the target at all.</param>
public sealed record StepEvidence(string AdvisedProduct, string AdvisedInstallsProduct, string TargetPath, ReleaseFacts? Facts, string? Problem);
