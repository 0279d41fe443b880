namespace UpdateServer.Packaging.Trust.Client;

/// <summary>
/// A transfer failed: connection error, unexpected HTTP status, timeout, or a stalled or too slow transfer
/// (slow retrieval attack).
/// </summary>
public sealed class DownloadFailedException : TufException
{
    public DownloadFailedException(string message, AttackKind attack = AttackKind.None) : base(message, attack) { }

    public DownloadFailedException(string message, Exception inner) : base(message, inner) { }
}
