namespace UpdateServer.Packaging.Trust;

/// <summary>
/// Fewer distinct trusted keys signed a role's metadata than its threshold requires. With no valid signature
/// at all the metadata is forged (arbitrary installation); with some, a key compromise below the threshold.
/// </summary>
public sealed class SignatureThresholdNotMetException : TufException
{
    public SignatureThresholdNotMetException(string role, int valid, int threshold)
        : base($"{role}: {valid} valid signature(s) from trusted keys, threshold is {threshold}.",
            valid > 0 ? AttackKind.KeyCompromise : AttackKind.ArbitraryInstallation)
    {
        Role = role;
        ValidSignatures = valid;
        Threshold = threshold;
    }

    public string Role { get; }

    public int ValidSignatures { get; }

    public int Threshold { get; }
}
