namespace UpdateServer.Packaging.Packages;

/// <summary>
/// The scripts an installer runs around a package, each the path of a file listed in the manifest under
/// <c>hooks/</c>, or null when the package has no such hook. <see cref="PackageManifest"/> enforces that every
/// non-null path is a listed file under <c>hooks/</c>; this record itself holds any strings.
/// In JSON: <c>"hooks": { "preInstall", "install", "postInstall", "healthCheck", "rollback" }</c>.
/// </summary>
public sealed record PackageHooks
{
    /// <summary>No hooks at all; written by omitting <c>"hooks"</c> from the manifest.</summary>
    public static PackageHooks None { get; } = new();

    /// <summary>Runs before anything of the package is installed (<c>"preInstall"</c>).</summary>
    public string? PreInstall { get; init; }

    /// <summary>Installs the payload (<c>"install"</c>); without it the installer copies <c>payload/</c>.</summary>
    public string? Install { get; init; }

    /// <summary>Runs after the payload is in place (<c>"postInstall"</c>).</summary>
    public string? PostInstall { get; init; }

    /// <summary>Tells whether the installed package works (<c>"healthCheck"</c>).</summary>
    public string? HealthCheck { get; init; }

    /// <summary>Undoes a failed installation (<c>"rollback"</c>).</summary>
    public string? Rollback { get; init; }

    /// <summary>True when no hook is set.</summary>
    public bool IsEmpty => PreInstall is null && Install is null && PostInstall is null && HealthCheck is null && Rollback is null;

    /// <summary>Every hook as its JSON name and path (null when unset), in the manifest's fixed order.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ByJsonName()
    {
        yield return new("preInstall", PreInstall);
        yield return new("install", Install);
        yield return new("postInstall", PostInstall);
        yield return new("healthCheck", HealthCheck);
        yield return new("rollback", Rollback);
    }
}
