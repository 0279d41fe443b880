using System.Diagnostics;
using UpdateServer.Updater.Processes;

namespace UpdateServer.Updater.Hooks;

/// <summary>
/// Runs a package's hook: the signed script itself (it must be executable and start with <c>#!</c>), in the version's
/// folder, with a clean environment (a fixed <c>PATH</c>, <c>LANG=C.UTF-8</c> and the <c>UPDATER_*</c> variables of
/// <see cref="HookContext"/>, nothing inherited from the updater), no input, a timeout, and captured output.
/// </summary>
public sealed class HookRunner(TimeSpan timeout)
{
    public const string SearchPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public async Task<HookResult> RunAsync(string phase, string script, HookContext context, CancellationToken cancellationToken)
    {
        var packageDirectory = Path.GetFullPath(context.PackageDirectory) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(packageDirectory, script));
        if (!path.StartsWith(packageDirectory, StringComparison.Ordinal))
        {
            // The manifest refuses such paths already; a hook never runs from outside its own package.
            throw new InvalidOperationException($"The {phase} hook {script} lies outside its package.");
        }

        var start = new ProcessStartInfo(path) { WorkingDirectory = context.VersionDirectory };
        start.Environment.Clear();
        start.Environment["PATH"] = SearchPath;
        start.Environment["LANG"] = "C.UTF-8";
        foreach (var (name, value) in context.Environment(phase))
        {
            start.Environment[name] = value;
        }

        return new HookResult(phase, script, await BoundedCommand.RunAsync(start, timeout, cancellationToken));
    }
}
