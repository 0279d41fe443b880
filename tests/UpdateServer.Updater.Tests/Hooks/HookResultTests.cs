using UpdateServer.Updater.Hooks;
using UpdateServer.Updater.Processes;

namespace UpdateServer.Updater.Tests.Hooks;

public sealed class HookResultTests
{
    [Fact]
    public void ReportsOnlyTheTailOfALongOutput()
    {
        var output = new string('o', 20_000) + "LAST-OUT";
        var errors = "boom: disk full";
        var result = Result(new CommandOutcome(1, false, output, errors, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), null));

        var reported = result.ReportedOutput;

        Assert.Equal(HookResult.ReportedOutputChars, reported.Length);
        Assert.Equal(8 * 1024, HookResult.ReportedOutputChars);
        Assert.EndsWith("LAST-OUT\nboom: disk full", reported, StringComparison.Ordinal);
        Assert.Equal((output + "\n" + errors)[^HookResult.ReportedOutputChars..], reported);
    }

    [Theory]
    [InlineData("out", "err", "out\nerr")]
    [InlineData("out", "", "out")]
    [InlineData("", "err", "err")]
    [InlineData("", "", "")]
    public void ReportsShortOutputWhole(string output, string errors, string reported)
    {
        var result = Result(new CommandOutcome(0, false, output, errors, TimeSpan.Zero, TimeSpan.FromSeconds(5), null));

        Assert.Equal(reported, result.ReportedOutput);
    }

    [Fact]
    public void ReportsWhyAHookCouldNotStart()
    {
        var result = Result(new CommandOutcome(null, false, string.Empty, string.Empty, TimeSpan.Zero, TimeSpan.FromSeconds(5), "cannot run x: Permission denied"));

        Assert.Equal("cannot run x: Permission denied", result.ReportedOutput);
        Assert.Equal("install hook hooks/install.sh: cannot run x: Permission denied", result.Failure);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void CarriesTheOutcomeIntoTheReport()
    {
        var result = Result(new CommandOutcome(null, true, "partial", string.Empty, TimeSpan.FromMilliseconds(1500), TimeSpan.FromMilliseconds(1200), null));

        var report = result.ToReport();

        Assert.Equal(HookPhase.Install, report.Phase);
        Assert.Null(report.ExitCode);
        Assert.True(report.TimedOut);
        Assert.Equal(1500, report.DurationMs);
        Assert.Equal("partial", report.Output);
        Assert.Equal("install hook hooks/install.sh did not finish within 1.2 s", result.Failure);
    }

    private static HookResult Result(CommandOutcome outcome) => new(HookPhase.Install, "hooks/install.sh", outcome);
}
