using Microsoft.Extensions.DependencyInjection;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Server.Repository;
using UpdateServer.Server.Tests.Support;

namespace UpdateServer.Server.Tests.Repository;

public sealed class ExpiryRefresherTests : ServerTestBase
{
    [Fact]
    public async Task SignsNothingWhileMetadataIsFresh()
    {
        var refresher = Server.Services.GetRequiredService<ExpiryRefresher>();

        Assert.False(await refresher.RefreshIfDueAsync(Ct));
    }

    [Fact]
    public async Task BackgroundServiceResignsTimestampAfterHalfItsLifetime()
    {
        var before = await TimestampAsync();

        Server.Clock.Advance(TimeSpan.FromHours(13));

        var after = await WaitForTimestampAsync(t => t.Signed.Version > before.Signed.Version);
        Assert.Equal(before.Signed.SnapshotMeta.Version, after.Signed.SnapshotMeta.Version);
        Assert.Equal(Server.Clock.GetUtcNow().AddDays(1), after.Signed.Expires);
    }

    [Fact]
    public async Task BackgroundServiceResignsSnapshotAfterHalfItsLifetime()
    {
        Server.Clock.Advance(TimeSpan.FromDays(4));

        var timestamp = await WaitForTimestampAsync(t => t.Signed.SnapshotMeta.Version > 1);
        var snapshot = Metadata.FromBytes<SnapshotMetadata>(await Http.GetByteArrayAsync($"/tuf/metadata/{timestamp.Signed.SnapshotMeta.Version}.snapshot.json", Ct));
        Assert.Equal(Server.Clock.GetUtcNow().AddDays(7), snapshot.Signed.Expires);
        snapshot.VerifySignedBy(RoleNames.Snapshot, new Dictionary<string, TufKey> { [Server.Repository.SnapshotKey.KeyId] = Server.Repository.SnapshotKey.PublicKey },
            new RoleKeys([Server.Repository.SnapshotKey.KeyId], 1));
    }

    private async Task<Metadata<TimestampMetadata>> TimestampAsync() =>
        Metadata.FromBytes<TimestampMetadata>(await Http.GetByteArrayAsync("/tuf/metadata/timestamp.json", Ct));

    /// <summary>The refresher runs on its own timer task; give it a bounded time to finish signing.</summary>
    private async Task<Metadata<TimestampMetadata>> WaitForTimestampAsync(Func<Metadata<TimestampMetadata>, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var timestamp = await TimestampAsync();
            if (condition(timestamp) || DateTime.UtcNow > deadline)
            {
                Assert.True(condition(timestamp), "The background refresher did not re-sign in time.");
                return timestamp;
            }

            await Task.Delay(50, Ct);
        }
    }
}
