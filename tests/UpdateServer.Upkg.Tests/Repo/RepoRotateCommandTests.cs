using UpdateServer.Packaging.Trust;
using UpdateServer.Upkg.Tests.Support;

namespace UpdateServer.Upkg.Tests.Repo;

/// <summary><c>upkg repo rotate</c>: the next root (and targets) in pending/, or one clear refusal that writes nothing.</summary>
public sealed class RepoRotateCommandTests : OperatorCommandTests
{
    [Fact]
    public async Task PreparesTheNextRootWithTheNewKeysAndThreshold()
    {
        var second = KeyPairFiles.Create(Bed.Folder, "root2");

        var result = await Bed.RepoAsync("rotate", "--role", "root", "--add-key", second.PublicKeyPath, "--threshold", "2");

        Assert.Equal(0, result.ExitCode);
        var root = OperatorTestBed.Read<RootMetadata>(Bed.Pending("2.root.json")).Signed;
        Assert.Equal(2, root.RoleFor(RoleNames.Root).Threshold);
        Assert.Equal([Bed.Root.Key.KeyId, second.Key.KeyId], root.RoleFor(RoleNames.Root).KeyIds);
        Assert.Contains("pending/2.root.json", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("an unknown role", 2, "--role")]
    [InlineData("a new online key for root", 2, "--new-online-key")]
    [InlineData("a threshold above the key count", 1, "threshold 2")]
    [InlineData("removing a key the role does not have", 1, "has no key")]
    [InlineData("removing the only key", 1, "0 key(s)")]
    [InlineData("two keys needed for an online role", 1, "threshold 1")]
    [InlineData("a key file that does not exist", 1, "missing.pub.json")]
    [InlineData("a folder that is no repository", 1, "is not a repository")]
    public async Task RefusesAndWritesNothing(string scenario, int exitCode, string named)
    {
        var before = Bed.Snapshot();
        var second = KeyPairFiles.Create(Bed.Folder, "timestamp2");
        string[] args = scenario switch
        {
            "an unknown role" => ["--role", "acme"],
            "a new online key for root" => ["--role", "root", "--new-online-key"],
            "a threshold above the key count" => ["--role", "root", "--threshold", "2"],
            "removing a key the role does not have" => ["--role", "root", "--remove-key", new string('0', 64)],
            "removing the only key" => ["--role", "root", "--remove-key", Bed.Root.PublicKeyPath],
            "two keys needed for an online role" => ["--role", "timestamp", "--add-key", second.PublicKeyPath, "--threshold", "2"],
            "a key file that does not exist" => ["--role", "root", "--add-key", Bed.Folder["missing.pub.json"]],
            "a folder that is no repository" => ["--role", "root", "--repo", Bed.Folder.Path],
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
        };

        var result = scenario == "a folder that is no repository"
            ? await UpkgHarness.RunAsync(["repo", "rotate", .. args])
            : await Bed.RepoAsync(["rotate", .. args]);

        Assert.Contains(named, result.SingleErrorLine(exitCode), StringComparison.Ordinal);
        Assert.Equal(before, Bed.Snapshot());
    }
}
