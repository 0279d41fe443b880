using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpdateServer.Server.Data;
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
}
