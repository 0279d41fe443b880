namespace UpdateServer.Packaging.Trust;

/// <summary>
/// The attacks the TUF specification's goals section (1.5.2) names. A <see cref="TufException"/> says which one
/// the refusal stopped, so logs, reports and operators see "rollback attack", not just "version 3 &lt; 4".
/// </summary>
public enum AttackKind
{
    /// <summary>The refusal is not tied to one attack (malformed input, a missing file).</summary>
    None,
    ArbitraryInstallation,
    EndlessData,
    ExtraneousDependencies,
    FastForward,
    IndefiniteFreeze,
    MaliciousMirrors,
    MixAndMatch,
    Rollback,
    SlowRetrieval,
    KeyCompromise,
    WrongSoftwareInstallation,
}
