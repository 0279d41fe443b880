using System.Diagnostics;
using UpdateServer.EndToEnd.Tests.Support;

namespace UpdateServer.EndToEnd.Tests.Processes;

/// <summary>The samples a newcomer runs, run as they are: they must keep working, and fail loudly when they do not.</summary>
public sealed class SampleScriptTests
{
    [Fact]
    public async Task TheDriversSampleInstallsTheDriverOnlyWhereItsHardwareIsAndWalksTheUpgradePath()
    {
        var result = await RunSampleAsync("drivers.sh");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        Assert.Contains("kiosk-a: acme.nic-driver -> versions/1.0.0", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("kiosk-b: acme.nic-driver -> (none)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("plan: acme.culture-platform-upgrade acme.culture-platform 1.0.0->2.0.0; acme.culture-platform acme.culture-platform 2.0.0->2.1.0",
            result.Stdout, StringComparison.Ordinal);
        Assert.Contains("kiosk-b: acme.culture-platform -> versions/2.1.0", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheUnattendedSampleRecoversFromAKillMidApplyAndAppliesABundleWithTheServerStopped()
    {
        var result = await RunSampleAsync("unattended.sh");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        Assert.Contains("killed (exit 137); current -> versions/2.0.0", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("recovered the transaction of acme.culture-platform 2.0.0 found at pre-install: undone", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("installed: acme.culture-platform 2.1.0 (current -> versions/2.1.0, state 2.1.0, no journal)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("updater: the bundle holds acme.culture-platform 1.0.0, older than the installed 2.1.0", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBulletinsSampleShowsBulletinsOnlyOnTheMachineWithTheAffectedVersions()
    {
        var result = await RunSampleAsync("bulletins.sh");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        Assert.Contains("kiosk-old affected: ACME-2026-0001,ACME-2026-0002,ACME-2026-0003", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("kiosk-new affected: \n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("kiosk-new fixed: ACME-2026-0001,ACME-2026-0002,ACME-2026-0003", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("ACME-2026-0001: \"affectedMachines\":1", result.Stdout, StringComparison.Ordinal);
    }

    private static async Task<ProcessResult> RunSampleAsync(string script)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Apps.RepositoryRoot,
        };
        start.ArgumentList.Add(Path.Combine(Apps.RepositoryRoot, "samples", script));
        start.Environment["PORT"] = "0"; // the server picks a free port; the script reads which from its log
        start.Environment["UPDATESERVER_SKIP_BUILD"] = "1";
        start.Environment["CONFIGURATION"] = Apps.BuildConfiguration;
        start.Environment["UPKG_STATE_DIR"] = Directory.CreateTempSubdirectory("us-sample-upkg-").FullName;
        return await Apps.RunAsync(start, TimeSpan.FromMinutes(5));
    }
}
