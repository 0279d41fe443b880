namespace UpdateServer.Packaging.Trust.Keys;

/// <summary>A key file cannot be read or holds a key of an unsupported kind.</summary>
public sealed class KeyFormatException : Exception
{
    public KeyFormatException(string message) : base(message) { }

    public KeyFormatException(string message, Exception inner) : base(message, inner) { }
}
