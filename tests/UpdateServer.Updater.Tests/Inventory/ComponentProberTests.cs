using System.Diagnostics;
using System.Text.RegularExpressions;
using UpdateServer.Updater.Configuration;
using UpdateServer.Updater.Inventory;

namespace UpdateServer.Updater.Tests.Inventory;

public sealed class ComponentProberTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("echo 'postgres (PostgreSQL) 15.4'", @"PostgreSQL\) (?<version>[0-9.]+)", "15.4.0")]
    [InlineData("echo 'Server version: 8.0.36'", @"version: ([0-9.]+)", "8.0.36")]
    [InlineData("echo 'psql 16.2'", @"(\w+) (?<version>[0-9.]+)", "16.2.0")]
    [InlineData("echo 'banner'; echo 'java version 17.0.9' >&2", @"version ([0-9.]+)", "17.0.9")]
    [InlineData("echo 'redis v=7.2.4-rc1 sha=0'", @"v=(\S+)", "7.2.4-rc1")]
    public async Task TakesTheVersionFromTheNamedGroupElseTheFirstGroup(string script, string pattern, string version)
    {
        var result = await ComponentProber.RunAsync(Probe(script, pattern), Ct);

        Assert.Equal(new ProbeResult("acme.db", version, null), result);
    }

    [Theory]
    [InlineData("echo 'nothing to see'", @"version ([0-9.]+)")]
    [InlineData("echo 'version abc'", @"version (\w+)")]
    [InlineData("echo 'version 1.2'", @"version [0-9.]+")]
    public async Task ReportsOutputThatGivesNoVersion(string script, string pattern)
    {
        var result = await ComponentProber.RunAsync(Probe(script, pattern), Ct);

        Assert.Null(result.Version);
        Assert.Equal("the output of /bin/sh does not match the pattern", result.Problem);
    }

    [Fact]
    public async Task ReportsAMissingCommandAsAProblem()
    {
        var probe = new ComponentProbe("acme.db", "/nonexistent/us-no-such-db", ["--version"], new Regex("(.*)"), TimeSpan.FromSeconds(5));

        var result = await ComponentProber.RunAsync(probe, Ct);

        Assert.Null(result.Version);
        Assert.StartsWith("cannot run /nonexistent/us-no-such-db", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportsAProbeThatHangsAsAProblem()
    {
        var probe = Probe("echo 'version 1.0.0'; sleep 60", @"version ([0-9.]+)") with { Timeout = TimeSpan.FromMilliseconds(500) };
        var stopwatch = Stopwatch.StartNew();

        var result = await ComponentProber.RunAsync(probe, Ct);

        Assert.Null(result.Version);
        Assert.StartsWith("/bin/sh did not finish within ", result.Problem, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task PassesArgumentsWithoutAShell()
    {
        var probe = new ComponentProbe("acme.db", "/bin/echo", ["version", "$(id)", "2.1"], new Regex(@"version \S+ (?<version>\S+)"), TimeSpan.FromSeconds(5));

        var result = await ComponentProber.RunAsync(probe, Ct);

        Assert.Equal(new ProbeResult("acme.db", "2.1.0", null), result);
    }

    private static ComponentProbe Probe(string script, string pattern) =>
        new("acme.db", "/bin/sh", ["-c", script], new Regex(pattern, RegexOptions.CultureInvariant), TimeSpan.FromSeconds(10));
}
