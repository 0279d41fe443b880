using System.Collections.Frozen;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Packaging.Tests.Trust.Client;

/// <summary>Updating the snapshot role (TUF spec 5.5), with a delegated role "apps" at version 2 listed in it.</summary>
public class SnapshotTests
{
    private static readonly FrozenDictionary<string, Action<SimulatedRepository>> Attacks = new Dictionary<string, Action<SimulatedRepository>>
    {
        ["a hash other than timestamp's"] = r => Tamper(r, MetadataTamper.ChangeOneSignatureDigit),
        ["fewer bytes than timestamp's length"] = r => Tamper(r, file => file[..^1]),
        ["more bytes than timestamp's length"] = r => Tamper(r, file => [.. file, (byte)' ']),
        ["signed by a key root does not list"] = r =>
        {
            r.Snapshot.SignWith = [SigningKey.Generate()];
            r.PublishUpdate();
        },
        ["a version other than timestamp's"] = r =>
        {
            r.Snapshot.ContentVersion = 3;
            r.PublishUpdate();
        },
        ["a listed role left out"] = r =>
        {
            r.Role("apps").ListedInSnapshot = false;
            r.PublishUpdate();
        },
        ["a listed role at a lower version"] = r =>
        {
            r.Role("apps").Version = 1;
            r.PublishUpdate();
        },
        ["an expiry before the update started"] = r =>
        {
            r.Snapshot.Expires = SimulatedRepository.Epoch.AddMinutes(-1);
            r.PublishUpdate();
        },
    }.ToFrozenDictionary();

    [Theory]
    [InlineData("a hash other than timestamp's", typeof(LengthOrHashMismatchException))]
    [InlineData("fewer bytes than timestamp's length", typeof(LengthOrHashMismatchException))]
    [InlineData("more bytes than timestamp's length", typeof(DownloadLengthExceededException))]
    [InlineData("signed by a key root does not list", typeof(SignatureThresholdNotMetException))]
    [InlineData("a version other than timestamp's", typeof(RollbackAttackException))]
    [InlineData("a listed role left out", typeof(RepositoryInconsistencyException))]
    [InlineData("a listed role at a lower version", typeof(RollbackAttackException))]
    [InlineData("an expiry before the update started", typeof(ExpiredMetadataException))]
    public async Task RefusesSnapshotWithAttackAndKeepsTrustedSnapshotAndTargets(string attack, Type expected)
    {
        var repository = new SimulatedRepository();
        repository.Delegate("targets", "apps").Version = 2;
        repository.Publish();
        var device = new ClientDevice(repository);
        await device.SettleAsync();
        var snapshotBefore = device.Store.Read("snapshot");
        var targetsBefore = device.Store.Read("targets");
        Attacks[attack](repository);

        await Assert.ThrowsAsync(expected, () => device.RefreshAsync());

        Assert.Equal(["2.root.json", "timestamp.json", "2.snapshot.json"], repository.Requests);
        Assert.Equal(snapshotBefore, device.Store.Read("snapshot"));
        Assert.Equal(targetsBefore, device.Store.Read("targets"));
        // 5.4.5 persisted the new timestamp, which was valid.
        Assert.Equal(repository.File("timestamp.json"), device.Store.Read("timestamp"));
    }

    [Fact]
    public async Task ChecksSnapshotLengthAgainstTimestampBeforeParsing()
    {
        var repository = new SimulatedRepository();
        repository.Publish();
        repository.Serve("1.snapshot.json", "{}"u8.ToArray());
        var device = new ClientDevice(repository);

        await Assert.ThrowsAsync<LengthOrHashMismatchException>(() => device.RefreshAsync());

        Assert.Null(device.Store.Read("snapshot"));
    }

    [Fact]
    public async Task UsesExpiredTrustedSnapshotAsRollbackBaseline()
    {
        var repository = new SimulatedRepository();
        repository.Targets.Version = 2;
        repository.Snapshot.Expires = SimulatedRepository.Epoch.AddDays(1);
        repository.Publish();
        var device = new ClientDevice(repository);
        await device.SettleAsync();
        var snapshotBefore = device.Store.Read("snapshot");
        device.Clock.Advance(TimeSpan.FromDays(2));
        repository.Snapshot.Expires = SimulatedRepository.Epoch.AddDays(30);
        repository.Targets.Version = 1;
        repository.PublishUpdate();

        await Assert.ThrowsAsync<RollbackAttackException>(() => device.RefreshAsync());

        Assert.Equal(snapshotBefore, device.Store.Read("snapshot"));
    }

    [Fact]
    public async Task AcceptsSnapshotThatOnlyRaisesRoleVersions()
    {
        var repository = new SimulatedRepository();
        var apps = repository.Delegate("targets", "apps");
        repository.Publish();
        var device = new ClientDevice(repository);
        await device.SettleAsync();
        repository.PublishUpdate(apps);

        var client = await device.RefreshAsync();

        Assert.Equal(2, client.Trusted.Snapshot!.Signed.Meta["apps.json"].Version);
        Assert.Equal(repository.File("2.snapshot.json"), device.Store.Read("snapshot"));
    }

    /// <summary>Publishes the next snapshot and timestamp, then serves the snapshot changed by <paramref name="change"/>.</summary>
    private static void Tamper(SimulatedRepository repository, Func<byte[], byte[]> change)
    {
        repository.PublishUpdate();
        repository.Serve("2.snapshot.json", change(repository.File("2.snapshot.json")));
    }
}
