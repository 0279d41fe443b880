using System.Text.Json;
using System.Text.Json.Nodes;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Packaging.Tests.Trust.Client;

/// <summary>The top-level refresh (TUF spec 5.2–5.6.6) when nothing is wrong, and its use of the local cache.</summary>
public class RefreshTests
{
    [Theory]
    [InlineData(true, new[] { "2.root.json", "timestamp.json", "1.snapshot.json", "1.targets.json" })]
    [InlineData(false, new[] { "2.root.json", "timestamp.json", "snapshot.json", "targets.json" })]
    public async Task FetchesTopLevelMetadataInWorkflowOrder(bool consistentSnapshot, string[] expected)
    {
        var repository = new SimulatedRepository(consistentSnapshot);
        repository.Publish();
        var device = new ClientDevice(repository);

        await device.RefreshAsync();

        Assert.Equal(expected, repository.Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PersistsExactlyTheServedBytesOfEachTopLevelRole(bool consistentSnapshot)
    {
        var repository = new SimulatedRepository(consistentSnapshot);
        repository.AddTarget("targets", "app.zip", [1, 2, 3]);
        repository.Publish();
        var device = new ClientDevice(repository);

        await device.RefreshAsync();

        Assert.Equal(["root", "snapshot", "targets", "timestamp"], device.Store.Roles);
        Assert.Equal(repository.File("1.root.json"), device.Store.Read("root"));
        Assert.Equal(repository.File("timestamp.json"), device.Store.Read("timestamp"));
        Assert.Equal(repository.File(repository.FileNameOf(repository.Snapshot)), device.Store.Read("snapshot"));
        Assert.Equal(repository.File(repository.FileNameOf(repository.Targets)), device.Store.Read("targets"));
    }

    [Fact]
    public async Task TrustsTheServedVersionsAfterRefresh()
    {
        var repository = new SimulatedRepository();
        repository.Timestamp.Version = 7;
        repository.Snapshot.Version = 5;
        repository.Targets.Version = 3;
        repository.Publish();
        var device = new ClientDevice(repository);

        var client = await device.RefreshAsync();

        Assert.Equal(1, client.Trusted.Root.Signed.Version);
        Assert.Equal(7, client.Trusted.Timestamp!.Signed.Version);
        Assert.Equal(5, client.Trusted.Snapshot!.Signed.Version);
        Assert.Equal(3, client.Trusted.Targets!.Signed.Version);
        Assert.Equal(["2.root.json", "timestamp.json", "5.snapshot.json", "3.targets.json"], repository.Requests);
    }

    [Fact]
    public async Task CapsEachDownloadAtTheConfiguredOrDeclaredLength()
    {
        var repository = new SimulatedRepository();
        repository.Publish();
        var device = new ClientDevice(repository);
        var options = new TufClientOptions { RootMaxLength = 1111, TimestampMaxLength = 2222 };

        await device.RefreshAsync(options);

        Assert.Equal(1111, repository.LimitFor("2.root.json"));
        Assert.Equal(2222, repository.LimitFor("timestamp.json"));
        Assert.Equal(repository.File("1.snapshot.json").Length, repository.LimitFor("1.snapshot.json"));
        Assert.Equal(repository.File("1.targets.json").Length, repository.LimitFor("1.targets.json"));
    }

    [Fact]
    public async Task CapsSnapshotAtSnapshotMaxLengthWhenTimestampStatesNoLength()
    {
        var repository = new SimulatedRepository { TimestampListsLengthAndHashes = false };
        repository.Publish();
        var device = new ClientDevice(repository);

        await device.RefreshAsync(new TufClientOptions { SnapshotMaxLength = 3333 });

        Assert.Equal(3333, repository.LimitFor("1.snapshot.json"));
    }

    [Fact]
    public async Task SecondRefreshOfAnUnchangedRepositoryFetchesOnlyRootAndTimestamp()
    {
        var repository = new SimulatedRepository();
        repository.Publish();
        var device = new ClientDevice(repository);
        await device.SettleAsync();
        var before = device.Store.Fingerprints();

        var client = await device.RefreshAsync();

        Assert.Equal(["2.root.json", "timestamp.json"], repository.Requests);
        Assert.Equal(before, device.Store.Fingerprints());
        Assert.NotNull(client.Trusted.Targets);
    }

    [Fact]
    public async Task RefreshAfterNewTargetsFetchesOnlyWhatChanged()
    {
        var repository = new SimulatedRepository();
        repository.Publish();
        var device = new ClientDevice(repository);
        await device.SettleAsync();
        repository.AddTarget("targets", "app.zip", [4, 5, 6]);
        repository.PublishUpdate(repository.Targets);

        var client = await device.RefreshAsync();

        Assert.Equal(["2.root.json", "timestamp.json", "2.snapshot.json", "2.targets.json"], repository.Requests);
        Assert.True(client.Trusted.Targets!.Signed.Targets.ContainsKey("app.zip"));
        Assert.Equal(repository.File("2.targets.json"), device.Store.Read("targets"));
    }

    [Fact]
    public async Task RefetchesACachedSnapshotThatWasTamperedWithOnDisk()
    {
        var repository = new SimulatedRepository();
        repository.Publish();
        var device = new ClientDevice(repository);
        await device.SettleAsync();
        device.Store.Write("snapshot", MetadataTamper.ChangeOneSignatureDigit(repository.File("1.snapshot.json")));

        await device.RefreshAsync();

        Assert.Equal(["2.root.json", "timestamp.json", "1.snapshot.json"], repository.Requests);
        Assert.Equal(repository.File("1.snapshot.json"), device.Store.Read("snapshot"));
    }

    [Fact]
    public async Task ChecksExpiryAgainstTheTimeTheUpdateStarted()
    {
        var repository = new SimulatedRepository();
        repository.Publish();
        var device = new ClientDevice(repository);
        var startedBeforeExpiry = device.NewClient();
        device.Clock.Advance(TimeSpan.FromDays(31));

        await startedBeforeExpiry.RefreshAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SimulatedRepository.Epoch, startedBeforeExpiry.ReferenceTime);
        await Assert.ThrowsAsync<ExpiredMetadataException>(() => device.RefreshAsync());
    }

    [Theory]
    [InlineData(KeyAlgorithm.Ed25519)]
    [InlineData(KeyAlgorithm.EcdsaP256)]
    [InlineData(KeyAlgorithm.RsaPss)]
    public async Task VerifiesMetadataSignedWithEachKeyAlgorithm(KeyAlgorithm algorithm)
    {
        var repository = new SimulatedRepository();
        var key = SigningKey.Generate(algorithm);
        foreach (var role in new[] { repository.Root, repository.Timestamp, repository.Snapshot, repository.Targets })
        {
            role.Keys[0] = key;
        }

        repository.AddTarget("targets", "app.zip", [1]);
        repository.Publish();
        var device = new ClientDevice(repository);

        var client = await device.RefreshAsync();

        Assert.True(client.Trusted.Targets!.Signed.Targets.ContainsKey("app.zip"));
    }

    [Fact]
    public async Task ServesAndTrustsMetadataWhoseStringsHoldControlCharacters()
    {
        var repository = new SimulatedRepository();
        var custom = new JsonObject { ["notes"] = "line one\nline two\ttabbed\u0001" };
        repository.Targets.Targets["app.zip"] = new TargetFile(1, new Dictionary<string, string> { ["sha256"] = new('0', 64) }, custom);
        repository.Publish();
        var device = new ClientDevice(repository);

        var client = await device.RefreshAsync();

        var served = repository.File("1.targets.json");
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(served).RootElement.ValueKind);
        Assert.Equal(served, device.Store.Read("targets"));
        Assert.Equal("line one\nline two\ttabbed\u0001", (string?)client.Trusted.Targets!.Signed.Targets["app.zip"].Custom!["notes"]);
    }

    [Fact]
    public async Task RefusesToStartWithoutATrustedRoot()
    {
        var repository = new SimulatedRepository();
        repository.Publish();
        var device = new ClientDevice(repository);
        device.Store.Delete("root");

        await Assert.ThrowsAsync<InvalidOperationException>(() => device.RefreshAsync());

        Assert.Empty(repository.Requests);
    }

    [Fact]
    public async Task RefusesAShippedRootNotSignedByItsOwnKeys()
    {
        var repository = new SimulatedRepository();
        repository.Publish();
        var device = new ClientDevice(repository);
        device.Store.Write("root", MetadataTamper.ChangeOneSignatureDigit(repository.File("1.root.json")));

        await Assert.ThrowsAsync<SignatureThresholdNotMetException>(() => device.RefreshAsync());

        Assert.Empty(repository.Requests);
    }
}
