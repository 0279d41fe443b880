namespace UpdateServer.Upkg.Tests.Support;

/// <summary>What one in-process run of <c>upkg</c> produced.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Asserts the run failed with exactly one <c>upkg: ...</c> line on stderr, and returns that line.</summary>
    public string SingleErrorLine(int expectedExitCode = 1)
    {
        Assert.Equal(expectedExitCode, ExitCode);
        var line = Assert.Single(StderrLines);
        Assert.StartsWith("upkg: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", Stderr, StringComparison.Ordinal);
        return line;
    }
}
