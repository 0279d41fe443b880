namespace UpdateServer.Packaging.Trust;

/// <summary>
/// A version went backwards (rollback attack) or is ahead of what trusted metadata lists (fast-forward attack).
/// </summary>
public sealed class RollbackAttackException : TufException
{
    public RollbackAttackException(string message, AttackKind attack = AttackKind.Rollback) : base(message, attack) { }
}
