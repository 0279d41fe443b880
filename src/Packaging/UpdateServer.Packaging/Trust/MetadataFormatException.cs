namespace UpdateServer.Packaging.Trust;

/// <summary>Metadata is not well-formed: wrong JSON, a missing field, a value of the wrong type or range.</summary>
public sealed class MetadataFormatException : TufException
{
    public MetadataFormatException(string message) : base(message) { }

    public MetadataFormatException(string message, Exception inner) : base(message, inner) { }
}
