using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using UpdateServer.Packaging.Canonical;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Packaging.Tests.Trust.Client;

/// <summary>Updating the timestamp role (TUF spec 5.4). The timestamp role here needs two of its two keys.</summary>
public class TimestampTests
{
    private static readonly FrozenDictionary<string, Action<SimulatedRepository>> Attacks = new Dictionary<string, Action<SimulatedRepository>>
    {
        ["signed by keys root does not list"] = r =>
        {
            r.Timestamp.SignWith = [SigningKey.Generate(), SigningKey.Generate()];
            r.Timestamp.Version = 3;
        },
        ["one of the two required signatures"] = r =>
        {
            r.Timestamp.SignWith = [r.Timestamp.Keys[0]];
            r.Timestamp.Version = 3;
        },
        ["the same signature twice"] = r =>
        {
            r.Timestamp.SignWith = [r.Timestamp.Keys[0]];
            r.Timestamp.AfterSigning = MetadataTamper.DuplicateFirstSignature;
            r.Timestamp.Version = 3;
        },
        ["a JSON key given twice"] = r =>
        {
            r.Timestamp.AfterSigning = file => MetadataTamper.InsertIntoSigned(file, "\"version\":99,");
            r.Timestamp.Version = 3;
        },
        ["a lower version"] = r => r.Timestamp.Version = 1,
        ["a lower snapshot version"] = r =>
        {
            r.Timestamp.Version = 3;
            r.Snapshot.Version = 1;
        },
        ["an expiry before the update started"] = r =>
        {
            r.Timestamp.Version = 3;
            r.Timestamp.Expires = SimulatedRepository.Epoch.AddSeconds(-1);
        },
        ["an expiry equal to the update start"] = r =>
        {
            r.Timestamp.Version = 3;
            r.Timestamp.Expires = SimulatedRepository.Epoch;
        },
    }.ToFrozenDictionary();

    [Theory]
    [InlineData("signed by keys root does not list", typeof(SignatureThresholdNotMetException))]
    [InlineData("one of the two required signatures", typeof(SignatureThresholdNotMetException))]
    [InlineData("the same signature twice", typeof(MetadataFormatException))]
    [InlineData("a JSON key given twice", typeof(MetadataFormatException))]
    [InlineData("a lower version", typeof(RollbackAttackException))]
    [InlineData("a lower snapshot version", typeof(RollbackAttackException))]
    [InlineData("an expiry before the update started", typeof(ExpiredMetadataException))]
    [InlineData("an expiry equal to the update start", typeof(ExpiredMetadataException))]
    public async Task RefusesTimestampWithAttackAndKeepsTrustedMetadata(string attack, Type expected)
    {
        var (repository, device) = await TrustingVersionTwoAsync();
        var before = device.Store.Fingerprints();
        Attacks[attack](repository);
        repository.Publish();

        await Assert.ThrowsAsync(expected, () => device.RefreshAsync());

        Assert.Equal(["2.root.json", "timestamp.json"], repository.Requests);
        Assert.Equal(before, device.Store.Fingerprints());
    }

    [Fact]
    public async Task AcceptsHigherTimestampSignedByBothKeys()
    {
        var (repository, device) = await TrustingVersionTwoAsync();
        repository.Timestamp.Version = 3;
        repository.Publish();

        var client = await device.RefreshAsync();

        Assert.Equal(3, client.Trusted.Timestamp!.Signed.Version);
        Assert.Equal(repository.File("timestamp.json"), device.Store.Read("timestamp"));
    }

    [Fact]
    public async Task KeepsTrustedTimestampWhenServedOneHasEqualVersion()
    {
        var (repository, device) = await TrustingVersionTwoAsync();
        var before = device.Store.Fingerprints();
        repository.Timestamp.UnrecognizedFields = new JsonObject { ["x-republished"] = true };
        repository.Publish();

        var client = await device.RefreshAsync();

        Assert.NotEqual(repository.File("timestamp.json"), device.Store.Read("timestamp"));
        Assert.Equal(before, device.Store.Fingerprints());
        Assert.Null(client.Trusted.Timestamp!.Signed.UnrecognizedFields?["x-republished"]);
    }

    [Fact]
    public async Task RefusesExpiredTrustedTimestampWhenServedVersionIsUnchanged()
    {
        var repository = new SimulatedRepository();
        repository.Timestamp.Expires = SimulatedRepository.Epoch.AddDays(1);
        repository.Publish();
        var device = new ClientDevice(repository);
        await device.SettleAsync();
        var before = device.Store.Fingerprints();
        device.Clock.Advance(TimeSpan.FromDays(2));

        var error = await Assert.ThrowsAsync<ExpiredMetadataException>(() => device.RefreshAsync());

        Assert.Equal("timestamp", error.Role);
        Assert.Equal(before, device.Store.Fingerprints());
    }

    [Fact]
    public async Task UsesExpiredTrustedTimestampAsRollbackBaseline()
    {
        var repository = new SimulatedRepository();
        repository.Timestamp.Version = 2;
        repository.Timestamp.Expires = SimulatedRepository.Epoch.AddDays(1);
        repository.Publish();
        var device = new ClientDevice(repository);
        await device.SettleAsync();
        var before = device.Store.Fingerprints();
        device.Clock.Advance(TimeSpan.FromDays(2));
        repository.Timestamp.Version = 1;
        repository.Timestamp.Expires = SimulatedRepository.Epoch.AddDays(30);
        repository.Publish();

        await Assert.ThrowsAsync<RollbackAttackException>(() => device.RefreshAsync());

        Assert.Equal(before, device.Store.Fingerprints());
    }

    [Theory]
    [InlineData("the key's legacy keyid")]
    [InlineData("a keyid that is not the key's")]
    public async Task CountsOneKeyOnceWhateverKeyIdsNameIt(string alias)
    {
        var repository = new SimulatedRepository();
        var key = repository.Timestamp.Keys[0];
        var legacyJson = key.PublicKey.ToJson();
        legacyJson["keyid_hash_algorithms"] = new JsonArray("sha256", "sha512");
        var aliasId = alias == "the key's legacy keyid"
            ? Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Serialize(legacyJson)))
            : new string('a', 64);
        var aliasKey = TufKey.FromJson(legacyJson);
        repository.EditRoot = root => root with
        {
            Keys = new Dictionary<string, TufKey>(root.Keys) { [aliasId] = aliasKey },
            Roles = new Dictionary<string, RoleKeys>(root.Roles) { ["timestamp"] = new([key.KeyId, aliasId], 2) },
        };
        repository.Timestamp.AfterSigning = file => MetadataTamper.CopySignatureUnder(file, key.KeyId, aliasId);
        repository.Publish();
        var device = new ClientDevice(repository);

        var error = await Assert.ThrowsAsync<SignatureThresholdNotMetException>(() => device.RefreshAsync());

        Assert.Equal(1, error.ValidSignatures);
        Assert.Null(device.Store.Read("timestamp"));
    }

    [Fact]
    public async Task RefusesTimestampLongerThanTimestampMaxLength()
    {
        var (repository, device) = await TrustingVersionTwoAsync();
        var before = device.Store.Fingerprints();
        repository.Timestamp.Version = 3;
        repository.Timestamp.UnrecognizedFields = new JsonObject { ["x-padding"] = new string('x', 5000) };
        repository.Publish();

        await Assert.ThrowsAsync<DownloadLengthExceededException>(
            () => device.RefreshAsync(new TufClientOptions { TimestampMaxLength = 4096 }));

        Assert.Equal(4096, repository.LimitFor("timestamp.json"));
        Assert.Equal(before, device.Store.Fingerprints());
    }

    [Fact]
    public async Task ReplacesExpiredTrustedTimestampWithNewerOne()
    {
        var (repository, device) = await TrustingVersionTwoAsync();
        device.Clock.Advance(TimeSpan.FromDays(40));
        foreach (var role in new[] { repository.Root, repository.Timestamp, repository.Snapshot, repository.Targets })
        {
            role.Expires = SimulatedRepository.Epoch.AddDays(60);
        }

        repository.PublishRoot();
        repository.PublishUpdate(repository.Targets);

        var client = await device.RefreshAsync();

        Assert.Equal(3, client.Trusted.Timestamp!.Signed.Version);
    }

    /// <summary>A device that trusts timestamp v2 and snapshot v2, timestamp needing both of its two keys.</summary>
    private static async Task<(SimulatedRepository, ClientDevice)> TrustingVersionTwoAsync()
    {
        var repository = new SimulatedRepository();
        repository.Timestamp.Keys.Add(SigningKey.Generate());
        repository.Timestamp.Threshold = 2;
        repository.Timestamp.Version = 2;
        repository.Snapshot.Version = 2;
        repository.Publish();
        var device = new ClientDevice(repository);
        await device.SettleAsync();
        return (repository, device);
    }
}
