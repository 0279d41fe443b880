namespace UpdateServer.EndToEnd.Tests.Support;

/// <summary>
/// A repository made with the real <c>upkg</c> (keygen, repo init) and served by a real server process, shared by
/// the tests of one class; each test uses products of its own so none depends on another's data.
/// </summary>
public sealed class ProcessRepository : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "us-e2e-" + Guid.NewGuid().ToString("N"))).FullName;

    public ServerProcess Server { get; private set; } = null!;

    public string TrustedRoot => Path.Combine(Folder, "repo", "trusted-root.json");

    public string VendorKey => Path.Combine(Folder, "keys", "acme.key");

    public string ApiKeyFile => Path.Combine(Folder, "repo", "vendor-api-keys", "acme.txt");

    public async ValueTask InitializeAsync()
    {
        foreach (var name in new[] { "root", "targets", "acme" })
        {
            Succeeded(await Apps.RunAsync(Apps.Upkg, "keygen", "--out", Path.Combine(Folder, "keys", name)));
        }

        Succeeded(await Apps.RunAsync(Apps.Upkg, "repo", "init", "--out", Path.Combine(Folder, "repo"),
            "--root-key", Path.Combine(Folder, "keys", "root.key"), "--targets-key", Path.Combine(Folder, "keys", "targets.key"),
            "--vendor", $"acme={Path.Combine(Folder, "keys", "acme.pub.json")}"));
        Server = await ServerProcess.StartAsync(Path.Combine(Folder, "repo", "server"), Path.Combine(Folder, "data"));
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Copies a sample product folder, optionally renaming the product, and packs it with <c>upkg pack</c>.</summary>
    public async Task<string> PackAsync(string sample, string? product = null)
    {
        var source = Path.Combine(Folder, "sources", Guid.NewGuid().ToString("N"));
        CopyTree(Path.Combine(Apps.Samples, sample), source);
        if (product is not null)
        {
            var template = Path.Combine(source, "upkg.json");
            await File.WriteAllTextAsync(template, (await File.ReadAllTextAsync(template)).Replace("acme.culture-platform", product, StringComparison.Ordinal));
        }

        return await PackFolderAsync(source);
    }

    /// <summary>Packs a source folder (an <c>upkg.json</c>, <c>payload/</c>, optional <c>hooks/</c>) with <c>upkg pack</c>.</summary>
    public async Task<string> PackFolderAsync(string source)
    {
        var output = Path.Combine(Folder, "packages", Guid.NewGuid().ToString("N") + ".upkg");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        Succeeded(await Apps.RunAsync(Apps.Upkg, "pack", source, "--out", output));
        return output;
    }

    /// <summary>Writes an offline bundle of <paramref name="releases"/> (<c>PRODUCT@VERSION</c>) from the server with <c>upkg bundle</c>.</summary>
    public async Task<string> BundleAsync(params string[] releases)
    {
        var bundle = Path.Combine(Folder, "bundles", Guid.NewGuid().ToString("N") + ".bundle");
        Directory.CreateDirectory(Path.GetDirectoryName(bundle)!);
        Succeeded(await Apps.RunAsync(Apps.Upkg, ["bundle", .. releases, "--server", Server.Url.AbsoluteUri, "--root", TrustedRoot, "--out", bundle]));
        return bundle;
    }

    public Task<ProcessResult> PublishAsync(string package, string? apiKeyFile = null, params string[] extra) =>
        Apps.RunAsync(Apps.Upkg, ["publish", package, "--server", Server.Url.AbsoluteUri, "--vendor", "acme", "--key", VendorKey,
            "--api-key-file", apiKeyFile ?? ApiKeyFile, "--os", "linux", .. extra]);

    /// <summary>Writes an updater configuration for a fresh machine managing <paramref name="product"/>.</summary>
    public string Machine(string product)
    {
        var machine = Directory.CreateDirectory(Path.Combine(Folder, "machines", Guid.NewGuid().ToString("N"))).FullName;
        var config = Path.Combine(machine, "updater.json");
        File.WriteAllText(config, $$"""
            { "serverUrl": "{{Server.Url}}", "dataDirectory": "data", "installRoot": "install",
              "trustedRoot": "{{TrustedRoot}}", "deviceId": "e2e-machine", "products": ["{{product}}"], "os": "linux" }
            """);
        return config;
    }

    public static void Succeeded(ProcessResult result) => Assert.True(result.ExitCode == 0, result.ToString());

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(file));
            }
        }
    }
}
