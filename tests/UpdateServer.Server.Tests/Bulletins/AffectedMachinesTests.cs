using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UpdateServer.Server.Bulletins;
using UpdateServer.Server.Data;
using UpdateServer.Server.Repository;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Bulletins;

public sealed class AffectedMachinesTests : BulletinTestBase
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await PublishBulletinsAsync(BulletinSamples.Security(), BulletinSamples.DatabaseBug(), BulletinSamples.UpgradeNotice());
    }

    [Fact]
    public async Task ListsTheBulletinsBearingOnTheInventory()
    {
        var response = await CheckAsync("kiosk-01", "1.0.0", postgres: "15.4");

        Assert.Equal(["ACME-2026-0001", "ACME-2026-0002", "ACME-2026-0003"], response.Bulletins.Select(b => b.Id));
        Assert.All(response.Bulletins, b => Assert.Equal(BulletinExposure.Affected, b.Status));
        Assert.Equal("acme/ACME-2026-0002.r1.bulletin.json", response.Bulletins[1].TargetPath);
    }

    [Fact]
    public async Task LeavesOutAStoredBulletinThatNoLongerReadsAndStillAnswers()
    {
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>();
            await db.BulletinRevisions.Where(r => r.BulletinId == "ACME-2026-0002")
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Document, "{\"id\":"), Ct);
        }

        // A new generation makes every instance read the repository again, the damaged document included.
        await PublishBulletinsAsync(BulletinSamples.Enhancement());
        var response = await CheckAsync("kiosk-01", "1.0.0", postgres: "15.4");

        Assert.Equal(["ACME-2026-0001", "ACME-2026-0003"], response.Bulletins.Select(b => b.Id));
    }

    [Fact]
    public async Task ReportsFixedBulletinsForAnUpToDateMachine()
    {
        var response = await CheckAsync("kiosk-02", "2.1.0", postgres: "16.1");

        Assert.Equal(["ACME-2026-0001:fixed", "ACME-2026-0002:fixed", "ACME-2026-0003:fixed"], response.Bulletins.Select(b => $"{b.Id}:{b.Status}"));
    }

    [Fact]
    public async Task CountsEachAffectedDeviceOnceAndForgetsItWhenFixed()
    {
        await CheckAsync("kiosk-01", "2.0.0");
        await CheckAsync("kiosk-01", "2.0.0");
        await CheckAsync("kiosk-02", "1.0.0");
        var twoAffected = await ODataAsync("/odata/Bulletins('ACME-2026-0001')");

        await CheckAsync("kiosk-02", "2.1.0");
        var oneAffected = await ODataAsync("/odata/Bulletins('ACME-2026-0001')?$expand=affectedDevices");

        Assert.Equal(2, twoAffected.GetProperty("affectedMachines").GetInt32());
        Assert.Equal(1, oneAffected.GetProperty("affectedMachines").GetInt32());
        Assert.Equal("kiosk-01", Assert.Single(oneAffected.GetProperty("affectedDevices").EnumerateArray()).GetProperty("deviceId").GetString());
    }

    [Fact]
    public async Task ATimestampReSignedOnItsOwnKeepsTheAnswersAndAsksTheDatabaseNothingNew()
    {
        var before = await CheckAsync("kiosk-01", "1.0.0");
        // Rows removed behind the ledger's back: only a device compared with the database again gets them back.
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>().BulletinDevices
                .Where(d => d.DeviceId == "kiosk-01").ExecuteDeleteAsync(Ct);
        }

        var timestamp = await Http.GetByteArrayAsync("/tuf/metadata/timestamp.json", Ct);
        Server.Clock.Advance(TimeSpan.FromDays(1));
        // The server's own refresher may have signed already, woken by the clock; then this finds nothing due.
        await Server.Services.GetRequiredService<ExpiryRefresher>().RefreshIfDueAsync(Ct);
        Assert.NotEqual(timestamp, await Http.GetByteArrayAsync("/tuf/metadata/timestamp.json", Ct));
        var afterTimestamp = await CheckAsync("kiosk-01", "1.0.0");
        var rowsAfterTimestamp = await DeviceRowsAsync("kiosk-01");
        await PublishBulletinsAsync(BulletinSamples.Enhancement());
        var afterPublish = await CheckAsync("kiosk-01", "1.0.0");

        Assert.Equal(before.SnapshotVersion, afterTimestamp.SnapshotVersion);
        Assert.Equal(before.Bulletins.Select(b => b.Id), afterTimestamp.Bulletins.Select(b => b.Id));
        Assert.Equal(0, rowsAfterTimestamp);
        Assert.True(afterPublish.SnapshotVersion > before.SnapshotVersion);
        var affected = afterPublish.Bulletins.Count(b => b.Status == BulletinExposure.Affected);
        Assert.True(affected > 0);
        Assert.Equal(affected, await DeviceRowsAsync("kiosk-01"));
    }

    [Fact]
    public async Task AFailedLedgerWriteIsLoggedAndLeavesNoRowAndTheNextRecordWrites()
    {
        var ledger = Server.Services.GetRequiredService<AffectedMachineLedger>();
        var snapshot = (await CheckAsync("kiosk-09", "2.1.0")).SnapshotVersion;

        // A bulletin id with no bulletin row: the database refuses the device's row (foreign key), as it would for a
        // bulletin deleted between the check and the write.
        await ledger.RecordAsync("kiosk-09", snapshot, ["ACME-2026-0099"], Ct);
        var afterFailure = await DeviceRowsAsync("kiosk-09");
        await ledger.RecordAsync("kiosk-09", snapshot, ["ACME-2026-0001"], Ct);

        Assert.Equal(0, afterFailure);
        Assert.Contains(Server.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Could not record the bulletins affecting kiosk-09", StringComparison.Ordinal));
        Assert.Equal(1, await DeviceRowsAsync("kiosk-09"));
    }

    [Fact]
    public async Task AWithdrawnBulletinNoLongerAffectsAnyone()
    {
        await CheckAsync("kiosk-01", "1.0.0");
        await PublishBulletinsAsync(BulletinSamples.NextRevision(BulletinSamples.Security(), "Withdrawn.", BulletinStatuses.Withdrawn));

        var response = await CheckAsync("kiosk-01", "1.0.0");
        var bulletin = await ODataAsync("/odata/Bulletins('ACME-2026-0001')");

        Assert.DoesNotContain(response.Bulletins, b => b.Id == "ACME-2026-0001");
        Assert.Equal(0, bulletin.GetProperty("affectedMachines").GetInt32());
    }

    [Fact]
    public async Task CountsADeviceAgainWhenAWithdrawnBulletinIsActiveAgain()
    {
        var withdrawn = BulletinSamples.NextRevision(BulletinSamples.Security(), "Withdrawn.", BulletinStatuses.Withdrawn);
        await CheckAsync("kiosk-01", "1.0.0");
        await PublishBulletinsAsync(withdrawn);
        await PublishBulletinsAsync(BulletinSamples.NextRevision(withdrawn, "Reinstated.", BulletinStatuses.Active));

        // The device reports the same affecting set as before the withdrawal, which dropped its row: it is counted again.
        var response = await CheckAsync("kiosk-01", "1.0.0");
        var bulletin = await ODataAsync("/odata/Bulletins('ACME-2026-0001')");

        Assert.Contains(response.Bulletins, b => b.Id == "ACME-2026-0001" && b.Status == BulletinExposure.Affected);
        Assert.Equal(1, bulletin.GetProperty("affectedMachines").GetInt32());
    }

    private async Task<int> DeviceRowsAsync(string deviceId)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>().BulletinDevices.CountAsync(d => d.DeviceId == deviceId, Ct);
    }
}
