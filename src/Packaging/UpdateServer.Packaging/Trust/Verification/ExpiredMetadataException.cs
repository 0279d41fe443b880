namespace UpdateServer.Packaging.Trust;

/// <summary>Metadata expired before the fixed update start time (indefinite freeze attack).</summary>
public sealed class ExpiredMetadataException : TufException
{
    public ExpiredMetadataException(string role, DateTimeOffset expires, DateTimeOffset referenceTime)
        : base($"{role} metadata expired at {expires:u}; the update started at {referenceTime:u}.", AttackKind.IndefiniteFreeze)
    {
        Role = role;
    }

    public string Role { get; }
}
