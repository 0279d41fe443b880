using System.Security.Cryptography;
using System.Text;

namespace UpdateServer.Packaging.Tests.Trust.Client;

/// <summary>Which delegations the search follows for a path: "paths" patterns and "path_hash_prefixes" (TUF spec 4.5).</summary>
public class DelegatedPathTests
{
    [Theory]
    [InlineData("*", "file.txt", true)]
    [InlineData("*", "dir/file.txt", false)]
    [InlineData("dir/*", "dir/file.txt", true)]
    [InlineData("dir/*", "dir/sub/file.txt", false)]
    [InlineData("*/file.txt", "a/b/file.txt", false)]
    [InlineData("*.txt", "dir/file.txt", false)]
    [InlineData("dir/*/*.zip", "dir/x/y.zip", true)]
    [InlineData("file?txt", "file.txt", true)]
    [InlineData("file?txt", "file/txt", false)]
    [InlineData("dir?file.txt", "dir/file.txt", false)]
    [InlineData("dir/?ile.txt", "dir/file.txt", true)]
    [InlineData("dir/file.txt", "dir/file.txt", true)]
    [InlineData("dir/file.txt", "dir/file.txt2", false)]
    [InlineData("[ab]*.zip", "a1.zip", true)]
    [InlineData("[!ab]*.zip", "a1.zip", false)]
    [InlineData("dir/[0-9].bin", "dir/5.bin", true)]
    [InlineData("dir[/]x", "dir/x", false)]
    public async Task FollowsDelegationOnlyWhenPatternMatchesEverySegment(string pattern, string path, bool follows)
    {
        var repository = new SimulatedRepository();
        repository.Delegate("targets", "apps", paths: [pattern]);
        var listed = repository.AddTarget("apps", path, [1]);
        repository.Publish();
        var device = new ClientDevice(repository);
        var client = await device.RefreshAsync();
        repository.ClearRequests();

        var found = await client.FindTargetAsync(path, TestContext.Current.CancellationToken);

        string[] expected = follows ? ["1.apps.json"] : [];
        Assert.Equal(follows ? listed.Sha256 : null, found?.Sha256);
        Assert.Equal(expected, repository.Requests);
    }

    [Theory]
    [InlineData("file.txt")]
    [InlineData("apps/tool-1.2.zip")]
    [InlineData("deep/er/path.bin")]
    public async Task FollowsOnlyTheBinWhosePrefixStartsThePathHash(string path)
    {
        var repository = new SimulatedRepository();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)));
        foreach (var digit in "0123456789abcdef")
        {
            var bin = repository.Delegate("targets", $"bin-{digit}", pathHashPrefixes: [$"{digit}"]);
            repository.AddTarget(bin.Name, path, Encoding.UTF8.GetBytes($"in bin {digit}"));
        }

        repository.Publish();
        var device = new ClientDevice(repository);
        var client = await device.RefreshAsync();
        repository.ClearRequests();

        var found = await client.FindTargetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(repository.Role($"bin-{hash[0]}").Targets[path].Sha256, found?.Sha256);
        Assert.Equal([$"1.bin-{hash[0]}.json"], repository.Requests);
    }

    [Fact]
    public async Task FollowsBinWithLongerPrefixOnlyWhenAllItsDigitsMatch()
    {
        const string Path = "file.txt";
        var repository = new SimulatedRepository();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path)));
        var wrongSecondDigit = hash[1] == '0' ? '1' : '0';
        repository.Delegate("targets", "near", pathHashPrefixes: [$"{hash[0]}{wrongSecondDigit}"]);
        repository.Delegate("targets", "exact", pathHashPrefixes: [hash[..2]]);
        repository.AddTarget("near", Path, [1]);
        var listed = repository.AddTarget("exact", Path, [2]);
        repository.Publish();
        var device = new ClientDevice(repository);
        var client = await device.RefreshAsync();
        repository.ClearRequests();

        var found = await client.FindTargetAsync(Path, TestContext.Current.CancellationToken);

        Assert.Equal(listed.Sha256, found?.Sha256);
        Assert.Equal(["1.exact.json"], repository.Requests);
    }
}
