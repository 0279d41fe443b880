using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Upkg.Tests.Support;

namespace UpdateServer.Upkg.Tests.Repo;

/// <summary><c>upkg repo sign</c>: one key holder's signature added in place, or a refusal that leaves the file as it was.</summary>
public sealed class RepoSignCommandTests : OperatorCommandTests
{
    [Fact]
    public async Task AddsAValidSignatureOfTheTargetsKey()
    {
        await Bed.RepoAsync("rotate", "--role", "targets");

        var result = await UpkgHarness.RunAsync("repo", "sign", Bed.Pending("2.targets.json"), "--key", Bed.Targets.PrivateKeyPath);

        Assert.Equal(0, result.ExitCode);
        var root = OperatorTestBed.Read<RootMetadata>(Bed.ServerFile("root.json")).Signed;
        OperatorTestBed.Read<TargetsMetadata>(Bed.Pending("2.targets.json")).VerifySignedBy(RoleNames.Targets, root.Keys, root.RoleFor(RoleNames.Targets));
    }

    [Theory]
    [InlineData("targets signed with a vendor key", "is not a targets key")]
    [InlineData("root signed with the targets key", "is not a root key")]
    [InlineData("a file that is not metadata", "not a metadata file")]
    [InlineData("timestamp metadata", "not \"timestamp\"")]
    [InlineData("a key file that does not exist", "missing.key")]
    public async Task RefusesAndLeavesTheFileAsItWas(string scenario, string named)
    {
        await Bed.RepoAsync("rotate", "--role", "targets");
        await Bed.RepoAsync("rotate", "--role", "root");
        var stray = Bed.Pending("stray.json");
        (string File, string Key) input = scenario switch
        {
            "targets signed with a vendor key" => (Bed.Pending("2.targets.json"), Bed.Acme.PrivateKeyPath),
            "root signed with the targets key" => (Bed.Pending("2.root.json"), Bed.Targets.PrivateKeyPath),
            "a file that is not metadata" => (Write(stray, "not json"u8.ToArray()), Bed.Targets.PrivateKeyPath),
            "timestamp metadata" => (Write(stray, Timestamp()), Bed.Targets.PrivateKeyPath),
            "a key file that does not exist" => (Bed.Pending("2.targets.json"), Bed.Folder["missing.key"]),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
        };
        var before = Bed.Snapshot();

        var result = await UpkgHarness.RunAsync("repo", "sign", input.File, "--key", input.Key);

        Assert.Contains(named, result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.Equal(before, Bed.Snapshot());
    }

    private static string Write(string path, byte[] content)
    {
        File.WriteAllBytes(path, content);
        return path;
    }

    private static byte[] Timestamp() => Metadata.Create(new TimestampMetadata
    {
        Expires = UpkgHarness.Now.AddDays(1),
        SnapshotMeta = new MetaFile(1),
    }).Sign(SigningKey.Generate()).ToBytes();
}
