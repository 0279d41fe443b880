using System.Collections.Frozen;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Packaging.Tests.Trust.Client;

/// <summary>Updating the top-level targets role (TUF spec 5.6.1–5.6.6).</summary>
public class TargetsRoleTests
{
    private static readonly FrozenDictionary<string, Action<SimulatedRepository>> Attacks = new Dictionary<string, Action<SimulatedRepository>>
    {
        ["a hash other than snapshot's"] = r => Tamper(r, MetadataTamper.ChangeOneSignatureDigit),
        ["fewer bytes than snapshot's length"] = r => Tamper(r, file => file[..^1]),
        ["more bytes than snapshot's length"] = r => Tamper(r, file => [.. file, (byte)' ']),
        ["signed by a key root does not list"] = r =>
        {
            r.Targets.SignWith = [SigningKey.Generate()];
            r.PublishUpdate(r.Targets);
        },
        ["a version other than snapshot's"] = r =>
        {
            r.Targets.ContentVersion = 1;
            r.PublishUpdate(r.Targets);
        },
        ["an expiry before the update started"] = r =>
        {
            r.Targets.Expires = SimulatedRepository.Epoch.AddMinutes(-1);
            r.PublishUpdate(r.Targets);
        },
    }.ToFrozenDictionary();

    [Theory]
    [InlineData("a hash other than snapshot's", typeof(LengthOrHashMismatchException))]
    [InlineData("fewer bytes than snapshot's length", typeof(LengthOrHashMismatchException))]
    [InlineData("more bytes than snapshot's length", typeof(DownloadLengthExceededException))]
    [InlineData("signed by a key root does not list", typeof(SignatureThresholdNotMetException))]
    [InlineData("a version other than snapshot's", typeof(RollbackAttackException))]
    [InlineData("an expiry before the update started", typeof(ExpiredMetadataException))]
    public async Task RefusesTargetsWithAttackAndKeepsTrustedTargets(string attack, Type expected)
    {
        var repository = new SimulatedRepository();
        repository.AddTarget("targets", "app.zip", [1, 2, 3]);
        repository.Publish();
        var device = new ClientDevice(repository);
        await device.SettleAsync();
        var targetsBefore = device.Store.Read("targets");
        Attacks[attack](repository);

        await Assert.ThrowsAsync(expected, () => device.RefreshAsync());

        Assert.Equal(["2.root.json", "timestamp.json", "2.snapshot.json", "2.targets.json"], repository.Requests);
        Assert.Equal(targetsBefore, device.Store.Read("targets"));
        // 5.5.7 persisted the new snapshot, which was valid.
        Assert.Equal(repository.File("2.snapshot.json"), device.Store.Read("snapshot"));
    }

    [Fact]
    public async Task RefusesCachedTargetsOnceTheyExpire()
    {
        var repository = new SimulatedRepository();
        repository.Targets.Expires = SimulatedRepository.Epoch.AddDays(1);
        repository.Publish();
        var device = new ClientDevice(repository);
        await device.SettleAsync();
        device.Clock.Advance(TimeSpan.FromDays(2));

        var error = await Assert.ThrowsAsync<ExpiredMetadataException>(() => device.RefreshAsync());

        Assert.Equal("targets", error.Role);
        Assert.Equal(["2.root.json", "timestamp.json", "1.targets.json"], repository.Requests);
    }

    /// <summary>Publishes the next targets, snapshot and timestamp, then serves the targets changed by <paramref name="change"/>.</summary>
    private static void Tamper(SimulatedRepository repository, Func<byte[], byte[]> change)
    {
        repository.PublishUpdate(repository.Targets);
        repository.Serve("2.targets.json", change(repository.File("2.targets.json")));
    }
}
