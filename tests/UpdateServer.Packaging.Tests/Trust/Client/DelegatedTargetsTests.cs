using System.Collections.Frozen;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Packaging.Tests.Trust.Client;

/// <summary>The checks of TUF spec 5.6.2–5.6.5 applied to a delegated role met during the search.</summary>
public class DelegatedTargetsTests
{
    private const string TargetPath = "apps/tool.zip";

    private static readonly FrozenDictionary<string, Action<SimulatedRepository>> Attacks = new Dictionary<string, Action<SimulatedRepository>>
    {
        ["a hash other than snapshot's"] = r => Tamper(r, MetadataTamper.ChangeOneSignatureDigit),
        ["fewer bytes than snapshot's length"] = r => Tamper(r, file => file[..^1]),
        ["more bytes than snapshot's length"] = r => Tamper(r, file => [.. file, (byte)' ']),
        ["signed by a key the delegator does not list"] = r =>
        {
            r.Role("apps").SignWith = [SigningKey.Generate()];
            r.PublishUpdate(r.Role("apps"));
        },
        ["a version other than snapshot's"] = r =>
        {
            r.Role("apps").ContentVersion = 1;
            r.PublishUpdate(r.Role("apps"));
        },
        ["an expiry before the update started"] = r =>
        {
            r.Role("apps").Expires = SimulatedRepository.Epoch;
            r.PublishUpdate(r.Role("apps"));
        },
    }.ToFrozenDictionary();

    [Theory]
    [InlineData("a hash other than snapshot's", typeof(LengthOrHashMismatchException))]
    [InlineData("fewer bytes than snapshot's length", typeof(LengthOrHashMismatchException))]
    [InlineData("more bytes than snapshot's length", typeof(DownloadLengthExceededException))]
    [InlineData("signed by a key the delegator does not list", typeof(SignatureThresholdNotMetException))]
    [InlineData("a version other than snapshot's", typeof(RollbackAttackException))]
    [InlineData("an expiry before the update started", typeof(ExpiredMetadataException))]
    public async Task RefusesDelegatedTargetsWithAttackAndKeepsTrustedCopy(string attack, Type expected)
    {
        var repository = new SimulatedRepository();
        repository.Delegate("targets", "apps", paths: ["apps/*"]);
        repository.AddTarget("apps", TargetPath, [1, 2, 3]);
        repository.Publish();
        var device = new ClientDevice(repository);
        var first = await device.RefreshAsync();
        await first.FindTargetAsync(TargetPath, TestContext.Current.CancellationToken);
        var appsBefore = device.Store.Read("apps");
        Attacks[attack](repository);
        var client = await device.RefreshAsync();
        repository.ClearRequests();

        await Assert.ThrowsAsync(expected, () => client.FindTargetAsync(TargetPath, TestContext.Current.CancellationToken));

        Assert.Equal(["2.apps.json"], repository.Requests);
        Assert.Equal(appsBefore, device.Store.Read("apps"));
    }

    [Fact]
    public async Task VerifiesCachedDelegatedTargetsWithTheDelegatorsCurrentKeys()
    {
        // Without hashes in snapshot, only the signature tells the cached copy from the re-signed one.
        var repository = new SimulatedRepository { SnapshotListsLengthAndHashes = false };
        var apps = repository.Delegate("targets", "apps", paths: ["apps/*"]);
        repository.AddTarget("apps", TargetPath, [1, 2, 3]);
        repository.Publish();
        var device = new ClientDevice(repository);
        var first = await device.RefreshAsync();
        await first.FindTargetAsync(TargetPath, TestContext.Current.CancellationToken);
        apps.Keys[0] = SigningKey.Generate();
        repository.PublishUpdate(repository.Targets);
        var client = await device.RefreshAsync();
        repository.ClearRequests();

        var found = await client.FindTargetAsync(TargetPath, TestContext.Current.CancellationToken);

        Assert.NotNull(found);
        Assert.Equal(["1.apps.json"], repository.Requests);
        Assert.Equal(repository.File("1.apps.json"), device.Store.Read("apps"));
    }

    /// <summary>Publishes the next "apps", snapshot and timestamp, then serves "apps" changed by <paramref name="change"/>.</summary>
    private static void Tamper(SimulatedRepository repository, Func<byte[], byte[]> change)
    {
        repository.PublishUpdate(repository.Role("apps"));
        repository.Serve("2.apps.json", change(repository.File("2.apps.json")));
    }
}
