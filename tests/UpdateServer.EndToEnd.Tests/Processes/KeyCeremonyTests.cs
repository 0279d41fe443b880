using UpdateServer.EndToEnd.Tests.Support;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.EndToEnd.Tests.Processes;

/// <summary>
/// A careful operator's year, with the real tools: root rotated across three versions with changing thresholds
/// (one step missing a threshold is refused by upkg, by the server and by machines), an online key rotated, a
/// vendor's key replaced without touching the other vendor, and machines following along throughout.
/// </summary>
public sealed class KeyCeremonyTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "us-ceremony-" + Guid.NewGuid().ToString("N"))).FullName;
    private ServerProcess _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Repo => Path.Combine(_folder, "repo");

    public async ValueTask InitializeAsync()
    {
        foreach (var name in new[] { "root1", "root2", "root3", "root4", "targets", "acme", "acme2", "globex" })
        {
            await Upkg("keygen", "--out", Key(name));
        }

        await Upkg("repo", "init", "--out", Repo, "--root-key", Key("root1") + ".key", "--targets-key", Key("targets") + ".key",
            "--vendor", $"acme={Key("acme")}.pub.json", "--vendor", $"globex={Key("globex")}.pub.json");
        _server = await ServerProcess.StartAsync(Path.Combine(Repo, "server"), Path.Combine(_folder, "data"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task RotatesRootTwiceOnlineAndVendorKeysWhileMachinesKeepUpdating()
    {
        var machine = await MachineAsync("acme.culture-platform");
        await PublishAsync("culture-platform/1.0.0", "acme", Key("acme"));
        await Updater("apply", "--config", machine);

        // Root v2: three root keys, threshold 2. The old root (threshold 1 of root1) and the new one must both be satisfied.
        await Upkg("repo", "rotate", "--repo", Repo, "--role", "root", "--add-key", Key("root2") + ".pub.json", "--add-key",
            Key("root3") + ".pub.json", "--threshold", "2");
        await Upkg("repo", "sign", Pending("2.root.json"), "--key", Key("root1") + ".key");
        var early = await Apps.RunAsync(Apps.Upkg, "repo", "commit", "--repo", Repo);
        Assert.Equal(1, early.ExitCode);
        Assert.Contains("1 of the 2 root signatures", Assert.Single(early.ErrorLines), StringComparison.Ordinal);
        await Upkg("repo", "sign", Pending("2.root.json"), "--key", Key("root2") + ".key");
        await Upkg("repo", "commit", "--repo", Repo);
        await Upkg("repo", "push", "--repo", Repo, "--server", _server.Url.AbsoluteUri);

        // Root v3: root4 alone (threshold 1) replaces root1-3, and the timestamp key is rotated. Signed by root4 and
        // root1 only, it meets its own threshold but misses the old one (2 of root1-3).
        await Upkg("repo", "rotate", "--repo", Repo, "--role", "root", "--add-key", Key("root4") + ".pub.json", "--remove-key",
            Key("root1") + ".pub.json", "--remove-key", Key("root2") + ".pub.json", "--remove-key", Key("root3") + ".pub.json", "--threshold", "1");
        await Upkg("repo", "rotate", "--repo", Repo, "--role", "timestamp", "--new-online-key");
        await Upkg("repo", "sign", Pending("3.root.json"), "--key", Key("root4") + ".key");
        await Upkg("repo", "sign", Pending("3.root.json"), "--key", Key("root1") + ".key");
        var refused = await Apps.RunAsync(Apps.Upkg, "repo", "commit", "--repo", Repo);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("current root v2", Assert.Single(refused.ErrorLines), StringComparison.Ordinal);

        // The same file forced onto the server anyway: refused there too, and the machine keeps trusting v2.
        var forced = await PushRootsDirectlyAsync(Pending("3.root.json"));
        Assert.Equal(422, forced.Status);
        Assert.Contains("repository-import-refused", forced.Body, StringComparison.Ordinal);
        await Updater("check", "--config", machine);
        Assert.Equal(2, TrustedRootVersion(machine));

        await Upkg("repo", "sign", Pending("3.root.json"), "--key", Key("root2") + ".key");
        await Upkg("repo", "commit", "--repo", Repo);
        await Upkg("repo", "push", "--repo", Repo, "--server", _server.Url.AbsoluteUri);
        await PublishAsync("culture-platform/2.0.0", "acme", Key("acme"));
        await Updater("apply", "--config", machine);
        Assert.Equal(3, TrustedRootVersion(machine));
        Assert.Equal(Path.Combine("versions", "2.0.0"), CurrentLink(machine, "acme.culture-platform"));

        // acme's key is replaced (revoking the old one); globex is untouched and keeps publishing.
        await Upkg("repo", "vendor", "set-key", "acme", "--repo", Repo, "--key", Key("acme2") + ".pub.json");
        await Upkg("repo", "sign", Pending("2.targets.json"), "--key", Key("targets") + ".key");
        await Upkg("repo", "commit", "--repo", Repo);
        await Upkg("repo", "push", "--repo", Repo, "--server", _server.Url.AbsoluteUri);
        var oldKey = await PublishResultAsync("culture-platform/2.0.0", "acme", Key("acme"), version: "3.0.0");
        Assert.Equal(1, oldKey.ExitCode);
        await Upkg("publish", "--resign", "--server", _server.Url.AbsoluteUri, "--vendor", "acme", "--key", Key("acme2") + ".key",
            "--previous-key", Key("acme") + ".pub.json", "--api-key-file", ApiKey("acme"));
        await PublishAsync("culture-platform/2.0.0", "acme", Key("acme2"), version: "3.0.0");
        var globexMachine = await MachineAsync("globex.kiosk");
        await PublishAsync("culture-platform/1.0.0", "globex", Key("globex"), product: "globex.kiosk");
        await Updater("apply", "--config", machine);
        await Updater("apply", "--config", globexMachine);

        Assert.Equal(Path.Combine("versions", "3.0.0"), CurrentLink(machine, "acme.culture-platform"));
        Assert.Equal(Path.Combine("versions", "1.0.0"), CurrentLink(globexMachine, "globex.kiosk"));
    }

    private string Key(string name) => Path.Combine(_folder, "keys", name);

    private string Pending(string file) => Path.Combine(Repo, "pending", file);

    private string ApiKey(string vendor) => Path.Combine(Repo, "vendor-api-keys", vendor + ".txt");

    private static async Task Upkg(params string[] args) => Succeeded(await Apps.RunAsync(Apps.Upkg, args));

    private static async Task Updater(params string[] args) => Succeeded(await Apps.RunAsync(Apps.Updater, args));

    private static void Succeeded(ProcessResult result) => Assert.True(result.ExitCode == 0, result.ToString());

    private async Task PublishAsync(string sample, string vendor, string key, string? product = null, string? version = null) =>
        Succeeded(await PublishResultAsync(sample, vendor, key, product, version));

    private async Task<ProcessResult> PublishResultAsync(string sample, string vendor, string key, string? product = null, string? version = null)
    {
        var source = Path.Combine(_folder, "sources", Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(Path.Combine(Apps.Samples, sample), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(source, Path.GetRelativePath(Path.Combine(Apps.Samples, sample), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var template = Path.Combine(source, "upkg.json");
        var text = await File.ReadAllTextAsync(template, Ct);
        text = product is null ? text : text.Replace("acme.culture-platform", product, StringComparison.Ordinal);
        text = version is null ? text : text.Replace("\"version\": \"2.0.0\"", $"\"version\": \"{version}\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(template, text, Ct);

        var package = Path.Combine(_folder, "packages", Guid.NewGuid().ToString("N") + ".upkg");
        Directory.CreateDirectory(Path.GetDirectoryName(package)!);
        Succeeded(await Apps.RunAsync(Apps.Upkg, "pack", source, "--out", package));
        return await Apps.RunAsync(Apps.Upkg, "publish", package, "--server", _server.Url.AbsoluteUri, "--vendor", vendor, "--key", key + ".key",
            "--api-key-file", ApiKey(vendor), "--os", "linux");
    }

    private async Task<string> MachineAsync(string product)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "machines", Guid.NewGuid().ToString("N"))).FullName;
        var config = Path.Combine(folder, "updater.json");
        File.Copy(Path.Combine(Repo, "trusted-root.json"), Path.Combine(folder, "root.json"));
        await File.WriteAllTextAsync(config, $$"""
            { "serverUrl": "{{_server.Url}}", "dataDirectory": "data", "installRoot": "install", "trustedRoot": "root.json",
              "products": ["{{product}}"], "os": "linux" }
            """, Ct);
        return config;
    }

    private static long TrustedRootVersion(string config) =>
        Metadata.FromBytes<RootMetadata>(File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(config)!, "data", "metadata", "root.json"))).Signed.Version;

    private static string? CurrentLink(string config, string product) =>
        new FileInfo(Path.Combine(Path.GetDirectoryName(config)!, "install", product, "current")).LinkTarget;

    private async Task<(int Status, string Body)> PushRootsDirectlyAsync(string rootFile)
    {
        using var http = new HttpClient();
        using var content = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(rootFile, Ct)), "root", "3.root.json" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.Url, "api/v1/admin/repository")) { Content = content };
        request.Headers.Authorization = new("Bearer", (await File.ReadAllTextAsync(Path.Combine(Repo, "operator-api-key.txt"), Ct)).Trim());
        using var response = await http.SendAsync(request, Ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }
}
