namespace UpdateServer.Server.Problems;

/// <summary>A refusal that becomes a ProblemDetails response with a stable <see cref="Type"/>.</summary>
public sealed class ProblemException : Exception
{
    public ProblemException(int status, string type, string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
        : base(detail)
    {
        Status = status;
        Type = type;
        Title = title;
        Extensions = extensions ?? new Dictionary<string, object?>();
    }

    public int Status { get; }

    public string Type { get; }

    public string Title { get; }

    public IReadOnlyDictionary<string, object?> Extensions { get; }
}
