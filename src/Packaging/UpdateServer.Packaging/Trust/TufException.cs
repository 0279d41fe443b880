namespace UpdateServer.Packaging.Trust;

/// <summary>
/// Base of every refusal the TUF layer makes. Each failure has its own subtype so callers (and reports)
/// can tell a freeze from a rollback from a bad signature.
/// </summary>
public abstract class TufException : Exception
{
    protected TufException(string message) : base(message) { }

    protected TufException(string message, Exception inner) : base(message, inner) { }
}
