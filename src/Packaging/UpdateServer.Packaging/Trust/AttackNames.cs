namespace UpdateServer.Packaging.Trust;

/// <summary>The words used for each <see cref="AttackKind"/> in messages, as the specification spells them.</summary>
public static class AttackNames
{
    public static string Describe(AttackKind attack) => attack switch
    {
        AttackKind.ArbitraryInstallation => "arbitrary installation attack",
        AttackKind.EndlessData => "endless data attack",
        AttackKind.ExtraneousDependencies => "extraneous dependencies attack",
        AttackKind.FastForward => "fast-forward attack",
        AttackKind.IndefiniteFreeze => "indefinite freeze attack",
        AttackKind.MaliciousMirrors => "malicious mirrors preventing updates",
        AttackKind.MixAndMatch => "mix-and-match attack",
        AttackKind.Rollback => "rollback attack",
        AttackKind.SlowRetrieval => "slow retrieval attack",
        AttackKind.KeyCompromise => "key compromise below the threshold",
        AttackKind.WrongSoftwareInstallation => "wrong software installation",
        _ => string.Empty,
    };

    /// <summary><paramref name="message"/> followed by "(suspected …)" when an attack is named.</summary>
    public static string Annotate(string message, AttackKind attack) =>
        attack == AttackKind.None ? message : $"{message} (suspected {Describe(attack)})";
}
