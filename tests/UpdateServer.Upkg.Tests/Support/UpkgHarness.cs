using Microsoft.Extensions.Time.Testing;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Tests.Support;

/// <summary>Runs <c>upkg</c> in-process with captured output.</summary>
public static class UpkgHarness
{
    /// <summary>The time every test run sees unless it brings its own clock.</summary>
    public static readonly DateTimeOffset Now = new(2030, 5, 6, 7, 8, 9, 500, TimeSpan.Zero);

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(handler: null, variables: null, args);

    public static async Task<CliResult> RunAsync(HttpMessageHandler? handler, IReadOnlyDictionary<string, string>? variables, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new UpkgEnvironment(stdout, stderr)
        {
            HttpHandler = handler,
            Time = new FakeTimeProvider(Now),
            GetEnvironmentVariable = name => variables?.GetValueOrDefault(name),
        };
        var exitCode = await UpkgCli.RunAsync(args, environment, TestContext.Current.CancellationToken);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
