using UpdateServer.Packaging.Repository;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.Upkg.Tests.Support;

/// <summary>
/// An operator's repository as <c>upkg repo init</c> makes it, in a temp folder: one root key, one targets key,
/// vendors acme and globex. Each test class instance (so each test) gets its own.
/// </summary>
public sealed class OperatorTestBed : IAsyncLifetime
{
    public TempFolder Folder { get; } = new();

    public KeyPairFiles Root { get; private set; } = null!;

    public KeyPairFiles Targets { get; private set; } = null!;

    public KeyPairFiles Acme { get; private set; } = null!;

    public string Repo => Folder["repo"];

    public async ValueTask InitializeAsync()
    {
        Root = KeyPairFiles.Create(Folder, "root");
        Targets = KeyPairFiles.Create(Folder, "targets");
        Acme = KeyPairFiles.Create(Folder, "acme");
        var globex = KeyPairFiles.Create(Folder, "globex");
        var init = await UpkgHarness.RunAsync("repo", "init", "--out", Repo, "--root-key", Root.PrivateKeyPath, "--targets-key", Targets.PrivateKeyPath,
            "--vendor", $"acme={Acme.PublicKeyPath}", "--vendor", $"globex={globex.PublicKeyPath}");
        Assert.True(init.ExitCode == 0, init.Stderr);
    }

    public ValueTask DisposeAsync()
    {
        Folder.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs <c>upkg repo ARGS --repo DIR</c> (<c>sign</c> takes the repository from the file's folder).</summary>
    public Task<CliResult> RepoAsync(params string[] args) => UpkgHarness.RunAsync(["repo", .. args, "--repo", Repo]);

    public string Pending(string file) => Path.Combine(Repo, "pending", file);

    public string ServerFile(string file) => Path.Combine(Repo, "server", file);

    public string ApiKeyFile(string vendor) => Path.Combine(Repo, "vendor-api-keys", vendor + ".txt");

    public string PendingApiKeyFile(string vendor) => Path.Combine(Repo, "pending", "vendor-api-keys", vendor + ".txt");

    public static VendorList ReadVendors(string path) => VendorList.Read(File.ReadAllBytes(path));

    public static Metadata<T> Read<T>(string path) where T : SignedMetadata, ISignedRole<T> => Metadata.FromBytes<T>(File.ReadAllBytes(path));

    /// <summary>Every file of the repository folder with its bytes: compare two of these to prove a refusal wrote nothing.</summary>
    public IReadOnlyDictionary<string, string> Snapshot() =>
        Directory.GetFiles(Repo, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(Repo, f), f => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));
}
