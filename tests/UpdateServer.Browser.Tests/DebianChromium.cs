using Microsoft.Playwright;

namespace UpdateServer.Browser.Tests;

/// <summary>Debian's Chromium (<c>/usr/bin/chromium</c>, installed by scripts/test.sh) driven by Playwright; Playwright's own browsers are never downloaded.</summary>
public static class DebianChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: 'apt-get install -y chromium' (scripts/test.sh does).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }
}
