using UpdateServer.Packaging.Trust;

namespace UpdateServer.Updater.Updating;

/// <summary>
/// Advice from the check API that the signed metadata does not support; it is never acted on. <see cref="Attack"/>
/// names what following it would have amounted to.
/// </summary>
public sealed record RefusedAdvice(string Product, string TargetPath, string Reason, AttackKind Attack);
