namespace UpdateServer.Packaging.Trust;

/// <summary>
/// Base of every refusal the TUF layer makes. Each failure has its own subtype so callers (and reports) can tell
/// a freeze from a rollback from a bad signature, and <see cref="Attack"/> names the attack it stopped; the
/// message ends with "(suspected …)" whenever it does.
/// </summary>
public abstract class TufException : Exception
{
    protected TufException(string message, AttackKind attack = AttackKind.None)
        : base(AttackNames.Annotate(message, attack)) => Attack = attack;

    protected TufException(string message, Exception inner, AttackKind attack = AttackKind.None)
        : base(AttackNames.Annotate(message, attack), inner) => Attack = attack;

    /// <summary>The attack this refusal stopped, or <see cref="AttackKind.None"/>.</summary>
    public AttackKind Attack { get; }
}
