namespace UpdateServer.Packaging.Trust.Client;

/// <summary>The server sent more bytes than allowed (endless data attack); the download is discarded.</summary>
public sealed class DownloadLengthExceededException : TufException
{
    public DownloadLengthExceededException(string what, long maxLength)
        : base($"{what} is longer than the {maxLength} bytes allowed.", AttackKind.EndlessData) { }
}
