namespace UpdateServer.Packaging.Trust.Client;

/// <summary>A transfer failed: connection error, unexpected HTTP status, timeout, or a transfer slower than the minimum rate.</summary>
public sealed class DownloadFailedException : TufException
{
    public DownloadFailedException(string message) : base(message) { }

    public DownloadFailedException(string message, Exception inner) : base(message, inner) { }
}
