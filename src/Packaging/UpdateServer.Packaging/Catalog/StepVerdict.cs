using UpdateServer.Packaging.Trust;

namespace UpdateServer.Packaging.Catalog;

/// <summary>
/// What <see cref="PlanCheck"/> decided about one step: taken (moving <see cref="ReleaseFacts.InstallsProduct"/> from
/// <see cref="FromVersion"/>) or refused with the reason and the attack following it would have amounted to.
/// </summary>
public sealed record StepVerdict(int Index, bool Taken, string? FromVersion, string? Reason, AttackKind Attack);
