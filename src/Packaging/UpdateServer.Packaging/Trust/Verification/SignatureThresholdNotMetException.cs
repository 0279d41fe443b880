namespace UpdateServer.Packaging.Trust;

/// <summary>Fewer distinct trusted keys signed a role's metadata than its threshold requires (arbitrary software attack).</summary>
public sealed class SignatureThresholdNotMetException : TufException
{
    public SignatureThresholdNotMetException(string role, int valid, int threshold)
        : base($"{role}: {valid} valid signature(s) from trusted keys, threshold is {threshold}.")
    {
        Role = role;
        ValidSignatures = valid;
        Threshold = threshold;
    }

    public string Role { get; }

    public int ValidSignatures { get; }

    public int Threshold { get; }
}
