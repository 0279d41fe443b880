using System.Diagnostics;
using UpdateServer.Updater.Hooks;

namespace UpdateServer.Updater.Tests.Hooks;

public sealed class HookRunnerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string PackageDirectory => Path.Combine(_folder.Path, "acme.a", "packages", "2.0.0");

    private string VersionDirectory => Path.Combine(_folder.Path, "acme.a", "versions", "2.0.0");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task GivesTheHookOnlyPathLangAndTheUpdaterVariables()
    {
        ShellScript.Write(Path.Combine(PackageDirectory, "hooks", "env.sh"), "exec env");
        var leaked = "US_HOOK_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        var smuggled = "UPDATER_SMUGGLED_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(leaked, "secret");
        Environment.SetEnvironmentVariable(smuggled, "secret");
        HookResult result;
        try
        {
            result = await new HookRunner(TimeSpan.FromSeconds(30)).RunAsync(HookPhase.PostInstall, "hooks/env.sh", Context(), Ct);
        }
        finally
        {
            Environment.SetEnvironmentVariable(leaked, null);
            Environment.SetEnvironmentVariable(smuggled, null);
        }

        var variables = ParseEnvironment(result.Outcome.Output);
        Assert.Equal(0, result.Outcome.ExitCode);
        Assert.DoesNotContain(leaked, variables.Keys);
        Assert.DoesNotContain(smuggled, variables.Keys);
        Assert.DoesNotContain("secret", variables.Values);
        Assert.DoesNotContain("HOME", variables.Keys);
        // dash exports PWD itself; everything else comes from the runner.
        Assert.All(variables.Keys, name => Assert.True(name is "PATH" or "LANG" or "PWD" || name.StartsWith("UPDATER_", StringComparison.Ordinal), name));
        Assert.Equal(HookRunner.SearchPath, variables["PATH"]);
        Assert.Equal("C.UTF-8", variables["LANG"]);
        Assert.Equal(HookPhase.PostInstall, variables["UPDATER_PHASE"]);
        Assert.Equal("acme.a", variables["UPDATER_PRODUCT"]);
        Assert.Equal("2.0.0", variables["UPDATER_VERSION"]);
        Assert.Equal("acme.a", variables["UPDATER_INSTALLS_PRODUCT"]);
        Assert.Equal("2.0.0", variables["UPDATER_INSTALLS_VERSION"]);
        Assert.Equal("1.0.0", variables["UPDATER_FROM_VERSION"]);
        Assert.Equal(VersionDirectory, variables["UPDATER_VERSION_DIR"]);
        Assert.Equal(PackageDirectory, variables["UPDATER_PACKAGE_DIR"]);
        Assert.Equal(_folder.Path, variables["UPDATER_INSTALL_ROOT"]);
    }

    [Fact]
    public async Task TellsAFirstInstallByAnEmptyFromVersion()
    {
        ShellScript.Write(Path.Combine(PackageDirectory, "hooks", "from.sh"), "printf '[%s]' \"${UPDATER_FROM_VERSION-unset}\"");

        var result = await new HookRunner(TimeSpan.FromSeconds(30)).RunAsync(HookPhase.PreInstall, "hooks/from.sh", Context() with { FromVersion = null }, Ct);

        Assert.Equal("[]", result.Outcome.Output);
    }

    [Fact]
    public async Task RunsTheHookInTheVersionFolderWithNoInput()
    {
        ShellScript.Write(Path.Combine(PackageDirectory, "hooks", "where.sh"), """
            pwd
            if read line; then echo "read $line"; else echo eof; fi
            """);

        var result = await new HookRunner(TimeSpan.FromSeconds(30)).RunAsync(HookPhase.Install, "hooks/where.sh", Context(), Ct);

        Assert.Equal([VersionDirectory, "eof"], result.Outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(result.Outcome.TimedOut);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(42, false)]
    public async Task CapturesTheExitCodeAndBothStreams(int exitCode, bool succeeded)
    {
        ShellScript.Write(Path.Combine(PackageDirectory, "hooks", "exit.sh"), $"echo to-out\necho to-err >&2\nexit {exitCode}");

        var result = await new HookRunner(TimeSpan.FromSeconds(30)).RunAsync(HookPhase.HealthCheck, "hooks/exit.sh", Context(), Ct);

        Assert.Equal(exitCode, result.Outcome.ExitCode);
        Assert.Equal(succeeded, result.Succeeded);
        Assert.Equal("to-out\n", result.Outcome.Output);
        Assert.Equal("to-err\n", result.Outcome.Errors);
        Assert.Equal(HookPhase.HealthCheck, result.Phase);
        Assert.Equal("hooks/exit.sh", result.Script);
        Assert.Null(result.Outcome.StartFailure);
        if (!succeeded)
        {
            Assert.Equal($"health-check hook hooks/exit.sh exited with code {exitCode}", result.Failure);
        }
    }

    [Fact]
    public async Task KillsAHookAndTheProcessesItStartedAtTheTimeout()
    {
        var pidFile = Path.Combine(_folder.Path, "child.pid");
        ShellScript.Write(Path.Combine(PackageDirectory, "hooks", "hang.sh"), $"""
            sleep 60 &
            echo $! > '{pidFile}'
            echo started
            wait
            """);
        var stopwatch = Stopwatch.StartNew();

        var result = await new HookRunner(TimeSpan.FromMilliseconds(700)).RunAsync(HookPhase.PostInstall, "hooks/hang.sh", Context(), Ct);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"took {stopwatch.Elapsed}");
        Assert.True(result.Outcome.TimedOut);
        Assert.Null(result.Outcome.ExitCode);
        Assert.False(result.Succeeded);
        Assert.Equal("started\n", result.Outcome.Output);
        Assert.StartsWith("post-install hook hooks/hang.sh did not finish within", result.Failure, StringComparison.Ordinal);
        var child = int.Parse(await File.ReadAllTextAsync(pidFile, Ct), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await ShellScript.EndsAsync(child, TimeSpan.FromSeconds(5), Ct), $"the hook's child {child} still runs");
    }

    [Fact]
    public async Task StopsTheHookWhenCancelled()
    {
        var pidFile = Path.Combine(_folder.Path, "hook.pid");
        ShellScript.Write(Path.Combine(PackageDirectory, "hooks", "hang.sh"), $"echo $$ > '{pidFile}'\nsleep 60");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(500));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new HookRunner(TimeSpan.FromMinutes(5)).RunAsync(HookPhase.Install, "hooks/hang.sh", Context(), cancel.Token));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"took {stopwatch.Elapsed}");
        var hook = int.Parse(await File.ReadAllTextAsync(pidFile, Ct), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await ShellScript.EndsAsync(hook, TimeSpan.FromSeconds(5), Ct), $"the hook {hook} still runs");
    }

    [Theory]
    [InlineData("hooks/plain.sh", "not executable")]
    [InlineData("hooks/no-shebang.sh", "no #! line")]
    [InlineData("hooks/missing.sh", "missing")]
    public async Task ReportsAHookThatCannotStartWithoutThrowing(string script, string why)
    {
        var path = Path.Combine(PackageDirectory, script);
        switch (why)
        {
            case "not executable":
                ShellScript.Write(path, "exit 0", executable: false);
                break;
            case "no #! line":
                ShellScript.Write(path, "exit 0");
                File.WriteAllText(path, "exit 0\n");
                break;
        }

        var result = await new HookRunner(TimeSpan.FromSeconds(30)).RunAsync(HookPhase.PreInstall, script, Context(), Ct);

        Assert.NotNull(result.Outcome.StartFailure);
        Assert.Null(result.Outcome.ExitCode);
        Assert.False(result.Outcome.TimedOut);
        Assert.False(result.Succeeded);
        Assert.StartsWith($"pre-install hook {script}: cannot run", result.Failure, StringComparison.Ordinal);
        Assert.Equal(result.Outcome.StartFailure, result.ReportedOutput);
    }

    [Theory]
    [InlineData("../evil.sh")]
    [InlineData("hooks/../../evil.sh")]
    [InlineData("../2.0.0-evil/evil.sh")]
    [InlineData("/bin/true")]
    public async Task RefusesAScriptOutsideItsPackage(string script)
    {
        var marker = Path.Combine(_folder.Path, "ran");
        var evil = $"touch '{marker}'";
        ShellScript.Write(Path.Combine(PackageDirectory, "..", "evil.sh"), evil);
        ShellScript.Write(Path.Combine(PackageDirectory, "..", "2.0.0-evil", "evil.sh"), evil);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new HookRunner(TimeSpan.FromSeconds(30)).RunAsync(HookPhase.Install, script, Context(), Ct));

        Assert.Contains("outside its package", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }

    private HookContext Context()
    {
        Directory.CreateDirectory(VersionDirectory);
        Directory.CreateDirectory(PackageDirectory);
        return new HookContext("acme.a", "2.0.0", "acme.a", "2.0.0", "1.0.0", VersionDirectory, PackageDirectory, _folder.Path);
    }

    private static Dictionary<string, string> ParseEnvironment(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : string.Empty, StringComparer.Ordinal);
}
