using UpdateServer.Packaging.Packages;

namespace UpdateServer.Updater.Hooks;

/// <summary>The points at which a package's hooks run, named as reports and the environment name them.</summary>
public static class HookPhase
{
    public const string PreInstall = "pre-install";
    public const string Install = "install";
    public const string PostInstall = "post-install";
    public const string HealthCheck = "health-check";
    public const string Rollback = "rollback";

    public static readonly string[] All = [PreInstall, Install, PostInstall, HealthCheck, Rollback];

    /// <summary>The manifest path of the package's hook for <paramref name="phase"/>, or null when it has none.</summary>
    public static string? ScriptOf(PackageHooks hooks, string phase) => phase switch
    {
        PreInstall => hooks.PreInstall,
        Install => hooks.Install,
        PostInstall => hooks.PostInstall,
        HealthCheck => hooks.HealthCheck,
        Rollback => hooks.Rollback,
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "not a hook phase"),
    };
}
