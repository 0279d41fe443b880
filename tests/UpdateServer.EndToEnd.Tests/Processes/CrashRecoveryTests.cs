using System.Collections.Concurrent;
using System.Text.Json;
using UpdateServer.EndToEnd.Tests.Support;

namespace UpdateServer.EndToEnd.Tests.Processes;

/// <summary>
/// The real updater process is killed (SIGKILL, through the <c>UPDATER_FAULT_AT</c> test hook) at every counted point
/// of an apply from 1.0.0 to 2.0.0 — downloading, extracting, each file flushed, each journal write, each hook, the
/// switch, the commit. After every kill the next start leaves the machine on exactly one whole version, checked file by
/// file against that version's package, with the install state naming it and no journal left.
/// </summary>
public sealed class CrashRecoveryTests(ProcessRepository repository) : IClassFixture<ProcessRepository>
{
    private const string Product = "acme.crash-probe";
    private const int KilledExitCode = 137;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AKillAtAnyPointOfApplyLeavesTheOldOrTheNewVersionAfterTheNextStart()
    {
        var sources = Path.Combine(repository.Folder, "crash-sources");
        var packages = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var version in new[] { "1.0.0", "2.0.0" })
        {
            files[version] = await repository.PackFolderAsync(CrashTestProduct.Write(sources, Product, version, files: 24));
            packages[version] = await File.ReadAllBytesAsync(files[version], Ct);
        }

        ProcessRepository.Succeeded(await repository.PublishAsync(files["1.0.0"]));
        var template = Path.GetDirectoryName(repository.Machine(Product))!;
        ProcessRepository.Succeeded(await Apps.RunAsync(Apps.Updater, "apply", "--config", Path.Combine(template, "updater.json")));
        Assert.Equal("1.0.0", await WholeVersionAsync(template, packages));
        ProcessRepository.Succeeded(await repository.PublishAsync(files["2.0.0"]));

        var traced = CopyOf(template);
        var trace = Path.Combine(traced, "fault-trace.txt");
        ProcessRepository.Succeeded(await RunUpdaterAsync(traced, ("UPDATER_FAULT_TRACE", trace), "apply"));
        Assert.Equal("2.0.0", await WholeVersionAsync(traced, packages));
        var points = await File.ReadAllLinesAsync(trace, Ct);
        Assert.True(points.Length >= 50, $"only {points.Length} fault points:\n{string.Join('\n', points)}");

        var outcomes = new ConcurrentDictionary<int, string>();
        await Parallel.ForEachAsync(Enumerable.Range(1, points.Length), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct },
            async (point, _) =>
            {
                var machine = CopyOf(template);
                var killed = await RunUpdaterAsync(machine, ("UPDATER_FAULT_AT", point.ToString(System.Globalization.CultureInfo.InvariantCulture)), "apply");
                Assert.True(killed.ExitCode == KilledExitCode, $"point {points[point - 1]}: {killed}");

                ProcessRepository.Succeeded(await RunUpdaterAsync(machine, null, "status", "--json"));
                outcomes[point] = await WholeVersionAsync(machine, packages);

                if (point % 10 == 0)
                {
                    // And the machine still updates: the next apply brings 2.0.0, whole.
                    ProcessRepository.Succeeded(await RunUpdaterAsync(machine, null, "apply"));
                    Assert.Equal("2.0.0", await WholeVersionAsync(machine, packages));
                }

                Directory.Delete(machine, recursive: true);
            });

        Assert.Equal(points.Length, outcomes.Count);
        Assert.Contains("1.0.0", outcomes.Values);
        Assert.Contains("2.0.0", outcomes.Values);

        // Past the health check a kill keeps the new version; before it, the old one.
        var firstKept = points.ToList().FindIndex(p => p.EndsWith("journal health-checked: written", StringComparison.Ordinal)) + 1;
        Assert.All(outcomes, o => Assert.Equal(o.Key >= firstKept ? "2.0.0" : "1.0.0", o.Value));
    }

    [Fact]
    public async Task AKillDuringABundleApplyLeavesTheOldOrTheNewVersionAndTheBundleAppliesAgain()
    {
        const string product = "acme.crash-bundle";
        var sources = Path.Combine(repository.Folder, "crash-bundle-sources");
        var packages = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var version in new[] { "1.0.0", "2.0.0" })
        {
            var file = await repository.PackFolderAsync(CrashTestProduct.Write(sources, product, version, files: 8));
            packages[version] = await File.ReadAllBytesAsync(file, Ct);
            ProcessRepository.Succeeded(await repository.PublishAsync(file));
        }

        var bundle = await repository.BundleAsync($"{product}@1.0.0");
        var newer = await repository.BundleAsync($"{product}@2.0.0");
        var template = Path.GetDirectoryName(repository.Machine(product))!;
        ProcessRepository.Succeeded(await RunUpdaterAsync(template, null, "apply", "--bundle", bundle));
        Assert.Equal("1.0.0", await WholeVersionAsync(template, packages, product));

        var traced = CopyOf(template);
        var trace = Path.Combine(traced, "fault-trace.txt");
        ProcessRepository.Succeeded(await RunUpdaterAsync(traced, ("UPDATER_FAULT_TRACE", trace), "apply", "--bundle", newer));
        Assert.Equal("2.0.0", await WholeVersionAsync(traced, packages, product));
        var points = await File.ReadAllLinesAsync(trace, Ct);
        Assert.True(points.Length >= 20, $"only {points.Length} fault points:\n{string.Join('\n', points)}");

        // Every third point and the last: a kill anywhere leaves one whole version, and the same bundle then applies.
        var sampled = Enumerable.Range(1, points.Length).Where(p => p % 3 == 1 || p == points.Length).ToList();
        var outcomes = new ConcurrentDictionary<int, string>();
        await Parallel.ForEachAsync(sampled, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (point, _) =>
        {
            var machine = CopyOf(template);
            var killed = await RunUpdaterAsync(machine, ("UPDATER_FAULT_AT", point.ToString(System.Globalization.CultureInfo.InvariantCulture)), "apply", "--bundle", newer);
            Assert.True(killed.ExitCode == KilledExitCode, $"point {points[point - 1]}: {killed}");

            ProcessRepository.Succeeded(await RunUpdaterAsync(machine, null, "status", "--json"));
            outcomes[point] = await WholeVersionAsync(machine, packages, product);
            ProcessRepository.Succeeded(await RunUpdaterAsync(machine, null, "apply", "--bundle", newer));
            Assert.Equal("2.0.0", await WholeVersionAsync(machine, packages, product));
            Assert.False(Directory.Exists(Path.Combine(machine, "data", "bundles")) && Directory.EnumerateFileSystemEntries(Path.Combine(machine, "data", "bundles")).Any(),
                "extracted bundle files are left");
            Directory.Delete(machine, recursive: true);
        });

        Assert.Equal(sampled.Count, outcomes.Count);
        Assert.Contains("1.0.0", outcomes.Values);
        Assert.Contains("2.0.0", outcomes.Values);
    }

    private string CopyOf(string template)
    {
        var machine = Path.Combine(repository.Folder, "machines", "crash-" + Guid.NewGuid().ToString("N"));
        MachineFolder.Copy(template, machine);
        return machine;
    }

    private static Task<ProcessResult> RunUpdaterAsync(string machine, (string Name, string Value)? environment, params string[] args)
    {
        var start = Apps.Start(Apps.Updater, [.. args, "--config", Path.Combine(machine, "updater.json")]);
        if (environment is { } variable)
        {
            start.Environment[variable.Name] = variable.Value;
        }

        return Apps.RunAsync(start, TimeSpan.FromMinutes(2));
    }

    /// <summary>The one version the machine is on, after checking it is whole: link, every file, state, no journal or leftovers.</summary>
    private static async Task<string> WholeVersionAsync(string machine, Dictionary<string, byte[]> packages, string product = Product)
    {
        var productDirectory = Path.Combine(machine, "install", product);
        var link = new FileInfo(Path.Combine(productDirectory, "current")).LinkTarget;
        Assert.NotNull(link);
        var version = Path.GetFileName(link);
        Assert.Contains(version, packages.Keys);
        await InstalledTree.AssertMatchesPackageAsync(packages[version], Path.Combine(productDirectory, "current"));

        using var state = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(machine, "data", "state.json"), Ct));
        Assert.Equal(version, state.RootElement.GetProperty("products").GetProperty(product).GetProperty("version").GetString());
        Assert.False(File.Exists(Path.Combine(machine, "data", "journal.json")), "a journal is left");
        Assert.Empty(Directory.GetDirectories(productDirectory, ".staging-*"));
        Assert.Empty(Directory.GetDirectories(Path.Combine(productDirectory, "versions"), ".*"));
        return version;
    }
}
