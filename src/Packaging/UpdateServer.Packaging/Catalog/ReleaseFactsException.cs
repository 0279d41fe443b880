namespace UpdateServer.Packaging.Catalog;

/// <summary>A target's custom facts are missing or malformed.</summary>
public sealed class ReleaseFactsException : Exception
{
    public ReleaseFactsException(string message) : base(message) { }
}
