namespace UpdateServer.Packaging.Trust;

/// <summary>A version went backwards or did not match what trusted metadata says (rollback or mix-and-match attack).</summary>
public sealed class RollbackAttackException : TufException
{
    public RollbackAttackException(string message) : base(message) { }
}
