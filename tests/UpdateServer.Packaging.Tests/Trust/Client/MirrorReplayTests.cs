using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Packaging.Tests.Trust.Client;

/// <summary>
/// A first mirror replaying genuine old files (no forged signature anywhere) must not freeze a client that a second
/// mirror can update: the trusted version again is a soft result (TUF spec 5.3.5, 5.4.3.1), the next mirror is asked.
/// </summary>
public class MirrorReplayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TakesTheNewerTimestampOfTheSecondMirrorOverTheTrustedOneReplayedByTheFirst()
    {
        var (repository, device) = await DeviceTrustingVersionOneAsync();
        var replayed = new ReplayingMirror(repository, new Dictionary<string, byte[]> { ["timestamp.json"] = repository.File("timestamp.json") });
        repository.PublishUpdate(repository.Targets);

        var client = new TufClient([replayed, repository], device.Store, device.Clock);
        await client.RefreshAsync(Ct);

        Assert.Equal(2, client.Trusted.Timestamp!.Signed.Version);
        Assert.Equal(2, client.Trusted.Snapshot!.Signed.Version);
        Assert.Equal(2, Metadata.FromBytes<TimestampMetadata>(device.Store.Read(RoleNames.Timestamp)!).Signed.Version);
    }

    [Fact]
    public async Task TakesTheSecondMirrorsTimestampWhenTheReplayedOneHasExpired()
    {
        var (repository, device) = await DeviceTrustingVersionOneAsync();
        var replayed = new ReplayingMirror(repository, new Dictionary<string, byte[]> { ["timestamp.json"] = repository.File("timestamp.json") });
        device.Clock.Advance(TimeSpan.FromDays(31));
        foreach (var role in new[] { repository.Timestamp, repository.Snapshot, repository.Targets })
        {
            role.Expires = SimulatedRepository.Epoch.AddDays(90);
        }

        repository.PublishUpdate(repository.Targets);

        var client = new TufClient([replayed, repository], device.Store, device.Clock);
        await client.RefreshAsync(Ct);

        Assert.Equal(2, client.Trusted.Timestamp!.Signed.Version);
    }

    [Fact]
    public async Task FollowsTheSecondMirrorsRootRotationOverTheTrustedRootReplayedAsTheNext()
    {
        var (repository, device) = await DeviceTrustingVersionOneAsync();
        var replayed = new ReplayingMirror(repository, new Dictionary<string, byte[]> { ["2.root.json"] = repository.File("1.root.json") });
        repository.Timestamp.Keys.Clear();
        repository.Timestamp.Keys.Add(SigningKey.Generate());
        repository.PublishRoot();
        repository.PublishUpdate(repository.Targets);

        var client = new TufClient([replayed, repository], device.Store, device.Clock);
        await client.RefreshAsync(Ct);

        Assert.Equal(2, client.Trusted.Root.Signed.Version);
        Assert.Equal(2, Metadata.FromBytes<RootMetadata>(device.Store.Read(RoleNames.Root)!).Signed.Version);
        Assert.Equal(2, client.Trusted.Timestamp!.Signed.Version);
    }

    [Fact]
    public async Task CarriesOnWithTheTrustedTimestampWhenNoMirrorHasANewerOne()
    {
        var (repository, device) = await DeviceTrustingVersionOneAsync();
        var before = device.Store.Fingerprints();
        var replayed = new ReplayingMirror(repository, new Dictionary<string, byte[]>());

        var client = new TufClient([replayed, repository], device.Store, device.Clock);
        await client.RefreshAsync(Ct);

        Assert.Equal(1, client.Trusted.Timestamp!.Signed.Version);
        Assert.Equal(before, device.Store.Fingerprints());
    }

    [Fact]
    public async Task CarriesOnWithTheTrustedRootWhenOnlyTheReplayedCopyExists()
    {
        var (repository, device) = await DeviceTrustingVersionOneAsync();
        var replayed = new ReplayingMirror(repository, new Dictionary<string, byte[]> { ["2.root.json"] = repository.File("1.root.json") });

        var client = new TufClient([replayed, repository], device.Store, device.Clock);
        await client.RefreshAsync(Ct);

        Assert.Equal(1, client.Trusted.Root.Signed.Version);
        Assert.Contains("2.root.json", repository.Requests);
    }

    [Fact]
    public async Task StillRefusesAnOlderTimestampWhenNoMirrorHasANewerOne()
    {
        var (repository, device) = await DeviceTrustingVersionOneAsync();
        var old = repository.File("timestamp.json");
        repository.PublishUpdate(repository.Targets);
        await device.RefreshAsync();
        var replayed = new ReplayingMirror(repository, new Dictionary<string, byte[]> { ["timestamp.json"] = old });
        var alsoReplayed = new ReplayingMirror(repository, new Dictionary<string, byte[]> { ["timestamp.json"] = old });

        var client = new TufClient([replayed, alsoReplayed], device.Store, device.Clock);
        var error = await Assert.ThrowsAsync<MirrorsFailedException>(() => client.RefreshAsync(Ct));

        Assert.All(error.Failures, f => Assert.IsType<RollbackAttackException>(f.Error));
    }

    [Fact]
    public void SaysWhenARootFileHoldsTheTrustedVersion()
    {
        var repository = new SimulatedRepository();
        repository.Publish();
        var trusted = new TrustedMetadataSet(repository.File("1.root.json"), SimulatedRepository.Epoch);

        var error = Assert.Throws<EqualVersionException>(() => trusted.UpdateRoot(repository.File("1.root.json")));

        Assert.Equal((RoleNames.Root, 1), (error.Role, error.Version));
        Assert.Equal(1, trusted.Root.Signed.Version);
    }

    private static async Task<(SimulatedRepository Repository, ClientDevice Device)> DeviceTrustingVersionOneAsync()
    {
        var repository = new SimulatedRepository();
        repository.Root.Expires = SimulatedRepository.Epoch.AddDays(365);
        repository.Publish();
        var device = new ClientDevice(repository);
        await device.SettleAsync();
        return (repository, device);
    }
}
