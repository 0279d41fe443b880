namespace UpdateServer.Packaging.Trust;

/// <summary>A file's length or hashes differ from what trusted metadata lists for it.</summary>
public sealed class LengthOrHashMismatchException : TufException
{
    public LengthOrHashMismatchException(string message) : base(message) { }
}
