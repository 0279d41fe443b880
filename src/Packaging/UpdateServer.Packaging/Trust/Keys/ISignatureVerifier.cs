namespace UpdateServer.Packaging.Trust.Keys;

/// <summary>Verifies signatures of one TUF signature scheme.</summary>
internal interface ISignatureVerifier
{
    /// <summary>False for a wrong signature or a public value that cannot be decoded; never throws for bad input.</summary>
    bool Verify(string publicValue, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);
}
