namespace UpdateServer.Packaging.Trust;

/// <summary>
/// A file's length or hashes differ from what trusted metadata lists for it: a mix-and-match attack for metadata,
/// an arbitrary installation attack for a target.
/// </summary>
public sealed class LengthOrHashMismatchException : TufException
{
    public LengthOrHashMismatchException(string message, AttackKind attack) : base(message, attack) { }
}
