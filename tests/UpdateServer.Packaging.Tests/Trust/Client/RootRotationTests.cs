using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Packaging.Tests.Trust.Client;

/// <summary>Updating the root role (TUF spec 5.3): the chain of versions, their signatures, expiry and key rotation.</summary>
public class RootRotationTests
{
    [Fact]
    public async Task FollowsRootChainAcrossKeyRotations()
    {
        var repository = new SimulatedRepository();
        repository.Publish();
        var device = new ClientDevice(repository);
        repository.Root.Keys.Clear();
        repository.Root.Keys.Add(SigningKey.Generate());
        repository.PublishRoot();
        repository.Root.Keys.Clear();
        repository.Root.Keys.AddRange([SigningKey.Generate(), SigningKey.Generate()]);
        repository.Root.Threshold = 2;
        repository.PublishRoot();

        var client = await device.RefreshAsync();

        Assert.Equal(3, client.Trusted.Root.Signed.Version);
        Assert.Equal(repository.File("3.root.json"), device.Store.Read("root"));
        Assert.Equal(["2.root.json", "3.root.json", "4.root.json", "timestamp.json", "1.snapshot.json", "1.targets.json"],
            repository.Requests);
    }

    [Theory]
    [InlineData("only the new root key")]
    [InlineData("only the old root key")]
    [InlineData("the old key and one of two new keys that must both sign")]
    public async Task RefusesRootNotSignedByThresholdsOfOldAndNewKeys(string signers)
    {
        var repository = new SimulatedRepository();
        repository.Publish();
        var device = new ClientDevice(repository);
        await device.SettleAsync();
        var before = device.Store.Fingerprints();
        var oldKey = repository.Root.Keys[0];
        var newKeys = new[] { SigningKey.Generate(), SigningKey.Generate() };
        repository.Root.Keys.Clear();
        repository.Root.Keys.AddRange(newKeys);
        repository.Root.Threshold = 2;
        repository.Root.SignWith = signers switch
        {
            "only the new root key" => newKeys,
            "only the old root key" => [oldKey],
            _ => [oldKey, newKeys[0]],
        };
        repository.PublishRoot();

        await Assert.ThrowsAsync<SignatureThresholdNotMetException>(() => device.RefreshAsync());

        Assert.Equal(["2.root.json"], repository.Requests);
        Assert.Equal(before, device.Store.Fingerprints());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(9)]
    public async Task RefusesRootWhoseVersionIsNotTheNextOne(long servedVersion)
    {
        var repository = new SimulatedRepository();
        repository.Publish();
        var device = new ClientDevice(repository);
        await device.SettleAsync();
        var before = device.Store.Fingerprints();
        repository.Serve("2.root.json", repository.BuildRoot(servedVersion));

        await Assert.ThrowsAsync<RollbackAttackException>(() => device.RefreshAsync());

        Assert.Equal(before, device.Store.Fingerprints());
    }

    [Theory]
    [InlineData(2, 3, 2)]
    [InlineData(256, 5, 5)]
    public async Task StopsAfterMaxRootRotations(int maxRootRotations, long trustedVersion, int rootRequests)
    {
        var repository = new SimulatedRepository();
        repository.Publish();
        var device = new ClientDevice(repository);
        for (var i = 0; i < 4; i++)
        {
            repository.PublishRoot();
        }

        var client = await device.RefreshAsync(new TufClientOptions { MaxRootRotations = maxRootRotations });

        Assert.Equal(trustedVersion, client.Trusted.Root.Signed.Version);
        Assert.Equal(repository.File($"{trustedVersion}.root.json"), device.Store.Read("root"));
        Assert.Equal(rootRequests, repository.Requests.Count(r => r.EndsWith(".root.json", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3600)]
    public async Task RefusesExpiredFinalRoot(int secondsAfterStart)
    {
        var repository = new SimulatedRepository();
        repository.Publish();
        var device = new ClientDevice(repository);
        await device.SettleAsync();
        var before = device.Store.Fingerprints().Where(f => !f.StartsWith("root=", StringComparison.Ordinal));
        repository.Root.Expires = SimulatedRepository.Epoch.AddSeconds(secondsAfterStart);
        repository.PublishRoot();

        var error = await Assert.ThrowsAsync<ExpiredMetadataException>(() => device.RefreshAsync());

        Assert.Equal("root", error.Role);
        Assert.Equal(["2.root.json", "3.root.json"], repository.Requests);
        // 5.3.8 persisted the new root before 5.3.10 found it expired; nothing after it changed.
        Assert.Equal(repository.File("2.root.json"), device.Store.Read("root"));
        Assert.Equal(before, device.Store.Fingerprints().Where(f => !f.StartsWith("root=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RefusesExpiredFinalRootOnAFreshDevice()
    {
        var repository = new SimulatedRepository();
        repository.Root.Expires = SimulatedRepository.Epoch.AddDays(-1);
        repository.Publish();
        var device = new ClientDevice(repository);

        var error = await Assert.ThrowsAsync<ExpiredMetadataException>(() => device.RefreshAsync());

        Assert.Equal("root", error.Role);
        Assert.Equal(["root"], device.Store.Roles);
    }

    [Fact]
    public async Task RefusesRootLongerThanRootMaxLength()
    {
        var repository = new SimulatedRepository();
        repository.Publish();
        var device = new ClientDevice(repository);
        await device.SettleAsync();
        var before = device.Store.Fingerprints();
        repository.Root.UnrecognizedFields = new() { ["x-padding"] = new string('x', 3000) };
        repository.PublishRoot();

        await Assert.ThrowsAsync<DownloadLengthExceededException>(
            () => device.RefreshAsync(new TufClientOptions { RootMaxLength = 2048 }));

        Assert.Equal(2048, repository.LimitFor("2.root.json"));
        Assert.Equal(before, device.Store.Fingerprints());
    }

    [Fact]
    public async Task RefusesShippedRootOnceTheClockPassesItsExpiry()
    {
        var repository = new SimulatedRepository();
        repository.Publish();
        var device = new ClientDevice(repository);
        await device.SettleAsync();
        var before = device.Store.Fingerprints();
        device.Clock.Advance(TimeSpan.FromDays(31));

        var error = await Assert.ThrowsAsync<ExpiredMetadataException>(() => device.RefreshAsync());

        Assert.Equal("root", error.Role);
        Assert.Equal(before, device.Store.Fingerprints());
    }

    [Fact]
    public async Task AcceptsExpiredIntermediateRoot()
    {
        var repository = new SimulatedRepository();
        repository.Publish();
        var device = new ClientDevice(repository);
        repository.Root.Expires = SimulatedRepository.Epoch.AddDays(-1);
        repository.PublishRoot();
        repository.Root.Expires = SimulatedRepository.Epoch.AddDays(30);
        repository.PublishRoot();

        var client = await device.RefreshAsync();

        Assert.Equal(3, client.Trusted.Root.Signed.Version);
        Assert.Equal(repository.File("3.root.json"), device.Store.Read("root"));
    }

    [Theory]
    [InlineData("timestamp")]
    [InlineData("snapshot")]
    public async Task RecoversFromFastForwardAttackWhenKeysRotate(string rotatedRole)
    {
        var (repository, device) = await FastForwardedAsync();
        repository.Role(rotatedRole).Keys[0] = SigningKey.Generate();
        repository.PublishRoot();
        RollBackToVersionTwo(repository);

        var client = await device.RefreshAsync();

        Assert.Equal(2, client.Trusted.Timestamp!.Signed.Version);
        Assert.Equal(2, client.Trusted.Snapshot!.Signed.Version);
        Assert.Equal(repository.File("timestamp.json"), device.Store.Read("timestamp"));
        Assert.Equal(repository.File("2.snapshot.json"), device.Store.Read("snapshot"));
    }

    [Fact]
    public async Task KeepsFastForwardedTimestampWhenKeysDidNotRotate()
    {
        var (repository, device) = await FastForwardedAsync();
        repository.PublishRoot();
        RollBackToVersionTwo(repository);
        var timestampBefore = device.Store.Read("timestamp");

        await Assert.ThrowsAsync<RollbackAttackException>(() => device.RefreshAsync());

        Assert.Equal(timestampBefore, device.Store.Read("timestamp"));
    }

    /// <summary>A device that trusts timestamp, snapshot and targets at version 10, as after a fast-forward attack.</summary>
    private static async Task<(SimulatedRepository, ClientDevice)> FastForwardedAsync()
    {
        var repository = new SimulatedRepository();
        repository.Publish();
        var device = new ClientDevice(repository);
        await device.SettleAsync();
        repository.Timestamp.Version = repository.Snapshot.Version = repository.Targets.Version = 10;
        repository.Publish();
        await device.SettleAsync();
        return (repository, device);
    }

    private static void RollBackToVersionTwo(SimulatedRepository repository)
    {
        repository.Timestamp.Version = repository.Snapshot.Version = 2;
        repository.Targets.Version = 1;
        repository.Publish();
    }
}
