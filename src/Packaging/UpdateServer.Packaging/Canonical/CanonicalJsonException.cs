namespace UpdateServer.Packaging.Canonical;

/// <summary>A JSON document cannot be represented in (or read as) canonical JSON.</summary>
public sealed class CanonicalJsonException : Exception
{
    public CanonicalJsonException(string message) : base(message) { }

    public CanonicalJsonException(string message, Exception inner) : base(message, inner) { }
}
