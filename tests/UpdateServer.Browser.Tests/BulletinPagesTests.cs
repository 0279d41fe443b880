using System.Net.Http.Json;
using Microsoft.Playwright;
using UpdateServer.Packaging.Api;
using UpdateServer.Testing;

namespace UpdateServer.Browser.Tests;

/// <summary>The admin bulletin pages in a real browser, against the real server on Kestrel.</summary>
public sealed class BulletinPagesTests : IAsyncLifetime
{
    private const string HostileDetails = "Run this:\n\n<script>window.pwned = 1; alert('pwned')</script>\n\n[click me](javascript:window.pwned=2)\n\n<img src=x onerror=\"window.pwned=3\">";
    private readonly UpdateServerFactory _server = new();
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        var publication = new Publication("acme", _server.Repository.AcmeKey, _server.Clock.GetUtcNow());
        foreach (var version in new[] { "1.0.0", "2.0.0", "2.1.0" })
        {
            await publication.AddPackageAsync(BulletinSamples.Platform, version);
        }

        publication.AddBulletin(BulletinSamples.Security() with { Details = HostileDetails });
        publication.AddBulletin(BulletinSamples.DatabaseBug());
        publication.AddBulletin(BulletinSamples.UpgradeNotice());
        await _server.PublishAsAcmeAsync(publication, Ct);
        foreach (var (device, version) in new[] { ("kiosk-01", "1.0.0"), ("kiosk-02", "2.0.0"), ("kiosk-02", "2.0.0"), ("kiosk-03", "2.1.0") })
        {
            (await http.PostAsJsonAsync("/api/v1/check", new CheckRequest
            {
                DeviceId = device, Os = "linux", Arch = "x64", Products = [new InstalledProduct(BulletinSamples.Platform, version)],
            }, Ct)).EnsureSuccessStatusCode();
        }

        (_playwright, _browser) = await DebianChromium.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ListFilterBySeverityOpenDetailSeeAffectedMachines()
    {
        var (page, _) = await NewPageAsync();

        await page.GotoAsync(new Uri(_server.BaseAddress, "/admin/bulletins").ToString());
        var before = await page.Locator("#bulletins tbody tr").CountAsync();
        await page.SelectOptionAsync("select[name=minSeverity]", "critical");
        await ClickAndWaitForPageAsync(page, "button[type=submit]", "**/admin/bulletins?*minSeverity=critical*");
        var rows = page.Locator("#bulletins tbody tr");
        var after = await rows.CountAsync();
        var severity = await rows.First.Locator("td").Nth(2).InnerTextAsync();
        await ClickAndWaitForPageAsync(page, "text=ACME-2026-0001", "**/admin/bulletins/ACME-2026-0001");

        Assert.Equal(3, before);
        Assert.Equal(1, after);
        Assert.Equal("critical", severity);
        Assert.Equal("2", await page.InnerTextAsync("#affected-machines"));
        Assert.Contains("acme.culture-platform", await page.InnerTextAsync("#affected-products"), StringComparison.Ordinal);
        Assert.Contains("acme/acme.culture-platform-2.1.0.upkg", await page.InnerTextAsync("#fixed-releases"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkdownWithScriptRendersAsText()
    {
        var (page, dialogs) = await NewPageAsync();

        await page.GotoAsync(new Uri(_server.BaseAddress, "/admin/bulletins/ACME-2026-0001").ToString());
        var details = await page.InnerTextAsync("#details");
        var link = await page.GetAttributeAsync("#details a", "href");
        await page.ClickAsync("#details a");

        Assert.Contains("<script>window.pwned = 1; alert('pwned')</script>", details, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("script").CountAsync());
        Assert.Equal(0, await page.Locator("#details img").CountAsync());
        Assert.Equal("#", link);
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.pwned === 'undefined'"));
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task SearchFindsABulletinByCve()
    {
        var (page, _) = await NewPageAsync();
        await page.GotoAsync(new Uri(_server.BaseAddress, "/admin/bulletins").ToString());

        await page.FillAsync("input[name=q]", "cve-2026-10001");
        await ClickAndWaitForPageAsync(page, "button[type=submit]", "**q=cve-2026-10001*");

        Assert.Equal(["ACME-2026-0001"], await page.Locator("#bulletins tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)"));
    }

    /// <summary>
    /// Clicks <paramref name="selector"/> and waits until the page it leads to (<paramref name="url"/>) is parsed. The wait
    /// starts before the click, so a page that loads quickly is never missed.
    /// </summary>
    private static async Task ClickAndWaitForPageAsync(IPage page, string selector, string url)
    {
        var parsed = page.WaitForURLAsync(url, new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.ClickAsync(selector);
        await parsed;
    }

    /// <summary>A new page that dismisses every dialog (alert, confirm) and records its text: a script that ran would leave one.</summary>
    private async Task<(IPage Page, List<string> Dialogs)> NewPageAsync()
    {
        var page = await _browser.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        return (page, dialogs);
    }
}
