namespace UpdateServer.Packaging.Trust;

/// <summary>
/// Trusted metadata contradicts itself or misses an entry it must have: a role absent from snapshot, a role
/// listed before that has vanished (a rollback), a delegation that does not exist.
/// </summary>
public sealed class RepositoryInconsistencyException : TufException
{
    public RepositoryInconsistencyException(string message, AttackKind attack = AttackKind.None) : base(message, attack) { }
}
