using Microsoft.Extensions.Time.Testing;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Tests.Support;

/// <summary>Runs <c>upkg</c> in-process with captured output.</summary>
public static class UpkgHarness
{
    /// <summary>The time every test run sees unless it brings its own clock.</summary>
    public static readonly DateTimeOffset Now = new(2030, 5, 6, 7, 8, 9, 500, TimeSpan.Zero);

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(handler: null, variables: null, args);

    /// <summary>
    /// Runs <c>upkg</c>. Unless <paramref name="variables"/> name a state folder (<c>UPKG_STATE_DIR</c>), the run gets a
    /// fresh one of its own, removed afterwards: no run ever reads what another wrote, nor the user's real one.
    /// </summary>
    public static async Task<CliResult> RunAsync(HttpMessageHandler? handler, IReadOnlyDictionary<string, string>? variables, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var isolatedState = Path.Combine(Path.GetTempPath(), "upkg-tests-state-" + Guid.NewGuid().ToString("N"));
        var environment = new UpkgEnvironment(stdout, stderr)
        {
            HttpHandler = handler,
            Time = new FakeTimeProvider(Now),
            GetEnvironmentVariable = name => variables?.GetValueOrDefault(name)
                ?? (name == UpkgEnvironment.StateDirectoryVariable ? isolatedState : null),
        };
        try
        {
            var exitCode = await UpkgCli.RunAsync(args, environment, TestContext.Current.CancellationToken);
            return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            if (Directory.Exists(isolatedState))
            {
                Directory.Delete(isolatedState, recursive: true);
            }
        }
    }
}
