namespace UpdateServer.Packaging.Bulletins;

/// <summary>How a bulletin bears on one machine, and the installed versions that decided it.</summary>
/// <param name="Status"><see cref="Affected"/> or <see cref="Fixed"/>.</param>
/// <param name="Evidence">For each matching product or component: "acme.culture-platform 2.0.0 in [1.0.0, 2.1.0)" and the like.</param>
public sealed record BulletinExposure(string Status, IReadOnlyList<string> Evidence)
{
    /// <summary>An installed version lies in an affected range.</summary>
    public const string Affected = "affected";

    /// <summary>Nothing installed is affected, and a fixed-in release (or newer) of a named product is installed.</summary>
    public const string Fixed = "fixed";
}
