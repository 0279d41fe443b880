using System.Diagnostics;
using UpdateServer.EndToEnd.Tests.Support;

namespace UpdateServer.EndToEnd.Tests.Processes;

/// <summary><c>updater daemon</c> as a real process: it installs what is published, keeps checking, and stops cleanly on SIGTERM.</summary>
public sealed class DaemonTests(ProcessRepository repository) : IClassFixture<ProcessRepository>
{
    [Fact]
    public async Task TheDaemonInstallsNewReleasesAsTheyComeAndStopsOnSigterm()
    {
        const string product = "acme.daemon-probe";
        var config = repository.Machine(product);
        var json = await File.ReadAllTextAsync(config, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(config, json.TrimEnd().TrimEnd('}') + """, "checkInterval": "00:00:01" }""", TestContext.Current.CancellationToken);
        var current = Path.Combine(Path.GetDirectoryName(config)!, "install", product, "current");
        ProcessRepository.Succeeded(await repository.PublishAsync(await repository.PackAsync("culture-platform/1.0.0", product)));

        using var daemon = Process.Start(Apps.Start(Apps.Updater, ["daemon", "--config", config]))!;
        var stdout = daemon.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = daemon.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            Assert.True(await EventuallyAsync(() => new FileInfo(current).LinkTarget == Path.Combine("versions", "1.0.0")), "1.0.0 was not installed");
            ProcessRepository.Succeeded(await repository.PublishAsync(await repository.PackAsync("culture-platform/2.0.0", product)));
            Assert.True(await EventuallyAsync(() => new FileInfo(current).LinkTarget == Path.Combine("versions", "2.0.0")), "2.0.0 was not installed");
        }
        finally
        {
            using var term = Process.Start("kill", ["-TERM", daemon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync(TestContext.Current.CancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            limit.CancelAfter(TimeSpan.FromMinutes(1));
            await daemon.WaitForExitAsync(limit.Token);
        }

        Assert.True(daemon.ExitCode == 0, $"exit {daemon.ExitCode}\n{await stdout}\n{await stderr}");
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(config)!, "data", "journal.json")));
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or a minute passes (the daemon checks every second).</summary>
    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return condition();
    }
}
