using System.Diagnostics;
using NuGet.Versioning;
using UpdateServer.Updater.Configuration;
using UpdateServer.Updater.Processes;

namespace UpdateServer.Updater.Inventory;

/// <summary>
/// Runs the configured component probes: each command directly (no shell), with a timeout, keeping the start and the
/// end of its output (<see cref="OutputCapture"/>), and takes the version from the pattern's <c>version</c> group (else group 1). A probe that fails reports
/// why and is otherwise ignored: a missing database never stops an update.
/// </summary>
public static class ComponentProber
{
    public static async Task<ProbeResult> RunAsync(ComponentProbe probe, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(probe.Command);
        foreach (var argument in probe.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var outcome = await BoundedCommand.RunAsync(start, probe.Timeout, cancellationToken);
        if (outcome.StartFailure is { } failure)
        {
            return new ProbeResult(probe.Id, null, failure);
        }

        if (outcome.TimedOut)
        {
            return new ProbeResult(probe.Id, null, $"{probe.Command} did not finish within {outcome.TimeoutText}");
        }

        var match = probe.Pattern.Match(outcome.Output + "\n" + outcome.Errors);
        var value = match.Groups["version"].Success ? match.Groups["version"].Value : match.Groups.Count > 1 ? match.Groups[1].Value : null;
        return match.Success && NuGetVersion.TryParse(value, out var version)
            ? new ProbeResult(probe.Id, version.ToNormalizedString(), null)
            : new ProbeResult(probe.Id, null, $"the output of {probe.Command} does not match the pattern");
    }
}
