namespace UpdateServer.Upkg.Publish;

/// <summary>
/// The server answered a publish with an error: its RFC 9457 problem <see cref="Type"/>, <see cref="Status"/> and
/// detail. The message is <c>publish refused: DETAIL (STATUS TYPE)</c>.
/// </summary>
public sealed class PublishRefusedException : Cli.UpkgException
{
    public PublishRefusedException(int status, string type, string detail)
        : base($"publish refused: {detail} ({status} {type})")
    {
        Status = status;
        Type = type;
        Detail = detail;
    }

    public int Status { get; }

    /// <summary>The problem type URI; <c>about:blank</c> when the server sent no problem details.</summary>
    public string Type { get; }

    public string Detail { get; }
}
