using System.Net.Http.Json;
using UpdateServer.Packaging.Api;
using UpdateServer.Server.Tests.Support;

namespace UpdateServer.Server.Tests.Catalog;

/// <summary>Cached check answers: shared by machines with the same inventory, never outliving the repository they were planned on.</summary>
public sealed class CheckResponseCacheTests : ServerTestBase
{
    [Fact]
    public async Task APublishReplacesTheAnswerCachedBeforeIt()
    {
        var first = Acme();
        await first.AddPackageAsync("acme.culture-platform", "1.0.0");
        (await PublishAsync(first)).EnsureSuccessStatusCode();
        Assert.Equal("1.0.0", (await CheckAsync("kiosk-1", null)).Steps.Single().Version);
        var second = Acme();
        second.Version = 2;
        second.AddExisting(first.Targets);
        await second.AddPackageAsync("acme.culture-platform", "1.1.0");

        (await PublishAsync(second)).EnsureSuccessStatusCode();

        Assert.Equal("1.1.0", (await CheckAsync("kiosk-1", null)).Steps.Single().Version);
    }

    [Fact]
    public async Task MachinesWithTheSameInventoryGetTheSameAnswerAndOthersTheirOwn()
    {
        var publication = Acme();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        await publication.AddPackageAsync("acme.culture-platform", "1.1.0");
        (await PublishAsync(publication)).EnsureSuccessStatusCode();

        var fresh = await CheckBytesAsync("kiosk-1", null);
        var sameInventory = await CheckBytesAsync("kiosk-2", null);
        var upToDate = await CheckAsync("kiosk-3", "1.1.0");

        Assert.Equal(fresh, sameInventory);
        Assert.Empty(upToDate.Steps);
        Assert.Equal("up-to-date", upToDate.Products.Single().Status);
    }

    private async Task<CheckResponse> CheckAsync(string device, string? installed)
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/check", Request(device, installed), Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CheckResponse>(Ct))!;
    }

    private async Task<byte[]> CheckBytesAsync(string device, string? installed)
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/check", Request(device, installed), Ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(Ct);
    }

    private static CheckRequest Request(string device, string? installed) => new()
    {
        DeviceId = device,
        Os = "linux",
        Arch = "x64",
        Products = [new InstalledProduct("acme.culture-platform", installed)],
    };
}
