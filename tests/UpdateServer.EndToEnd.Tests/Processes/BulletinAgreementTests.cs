using System.Net.Http.Json;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using UpdateServer.EndToEnd.Tests.Support;

namespace UpdateServer.EndToEnd.Tests.Processes;

/// <summary>
/// Bulletins end to end with real processes: <c>upkg bulletin new | sign | publish</c>, the server, and
/// <c>updater bulletins</c> on two machines — one with the affected versions, one without. OData, Atom and the
/// updater must name the same bulletins for each machine.
/// </summary>
public sealed class BulletinAgreementTests(ProcessRepository repository) : IClassFixture<ProcessRepository>
{
    private const string Platform = "acme.culture-platform";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ODataAtomAndTheUpdaterAgreeOnWhatAffectsEachMachine()
    {
        foreach (var version in new[] { "1.0.0", "2.0.0" })
        {
            ProcessRepository.Succeeded(await repository.PublishAsync(await repository.PackAsync($"culture-platform/{version}")));
        }

        var drafts = Directory.CreateDirectory(Path.Combine(repository.Folder, "bulletins")).FullName;
        await DraftAsync(drafts, "ACME-2026-0001", "--type", "security", "--cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "--affects", $"{Platform}=[1.0.0, 2.0.0)", "--fixed", $"{Platform}=2.0.0", "--cve", "CVE-2026-10001");
        await DraftAsync(drafts, "ACME-2026-0002", "--type", "bugfix", "--severity", "medium",
            "--component", "postgres.server=[15.0, 15.6)", "--fixed", "postgres.server=15.6");
        await DraftAsync(drafts, "ACME-2026-0003", "--type", "notice", "--severity", "low", "--affects", $"{Platform}=[1.0.0, 2.0.0)",
            "--fixed", $"{Platform}=2.0.0");
        var sealedFiles = Directory.GetFiles(Path.Combine(drafts, "sealed")).Order(StringComparer.Ordinal).ToArray();
        ProcessRepository.Succeeded(await Apps.RunAsync(Apps.Upkg, ["bulletin", "publish", .. sealedFiles, "--server", repository.Server.Url.AbsoluteUri,
            "--vendor", "acme", "--key", repository.VendorKey, "--api-key-file", repository.ApiKeyFile]));

        var affected = await MachineAsync("machine-affected", "[1.0.0]", "15.4");
        var current = await MachineAsync("machine-current", "[2.0.0]", "16.1");
        var affectedList = await UpdaterBulletinsAsync(affected);
        var currentList = await UpdaterBulletinsAsync(current);
        var currentFixed = await UpdaterBulletinsAsync(current, "--installed");
        var onlySecurity = await UpdaterBulletinsAsync(affected, "--type", "security");
        var criticalAndUp = await UpdaterBulletinsAsync(affected, "--severity", "high");
        var affectedTable = await Apps.RunAsync(Apps.Updater, "bulletins", "--config", affected);
        var currentTable = await Apps.RunAsync(Apps.Updater, "bulletins", "--config", current);

        Assert.Equal(["ACME-2026-0001", "ACME-2026-0002", "ACME-2026-0003"], affectedList);
        Assert.Empty(currentList);
        Assert.Equal(["ACME-2026-0001", "ACME-2026-0002", "ACME-2026-0003"], currentFixed);
        Assert.Equal(["ACME-2026-0001"], onlySecurity);
        Assert.Equal(["ACME-2026-0001"], criticalAndUp);
        ProcessRepository.Succeeded(affectedTable);
        Assert.Contains("ACME-2026-0001 r1", affectedTable.Stdout, StringComparison.Ordinal);
        Assert.Contains("critical (9.8)", affectedTable.Stdout, StringComparison.Ordinal);
        Assert.Contains("postgres.server 15.6", affectedTable.Stdout, StringComparison.Ordinal);
        Assert.True(affectedTable.Stdout.IndexOf("ACME-2026-0001", StringComparison.Ordinal) < affectedTable.Stdout.IndexOf("ACME-2026-0002", StringComparison.Ordinal),
            "The table lists the most severe bulletin first.");
        ProcessRepository.Succeeded(currentTable);
        Assert.Equal("No available bulletins.", currentTable.Stdout.Trim());
        Assert.Equal(affectedList, await ODataAsync("machine-affected"));
        Assert.Equal(affectedList, await AtomAsync("machine-affected"));
        Assert.Equal(currentList, await ODataAsync("machine-current"));
        Assert.Equal(currentList, await AtomAsync("machine-current"));
    }

    private static async Task DraftAsync(string folder, string id, params string[] options)
    {
        var draft = Path.Combine(folder, id + ".draft.json");
        ProcessRepository.Succeeded(await Apps.RunAsync(Apps.Upkg, ["bulletin", "new", id, "--title", $"Bulletin {id}", "--summary", "What happened.",
            "--out", draft, .. options]));
        ProcessRepository.Succeeded(await Apps.RunAsync(Apps.Upkg, "bulletin", "sign", draft, "--out", Path.Combine(folder, "sealed")));
    }

    /// <summary>A machine that installs the platform pinned to <paramref name="pin"/> and reports PostgreSQL at <paramref name="postgres"/>.</summary>
    private async Task<string> MachineAsync(string deviceId, string pin, string postgres)
    {
        var machine = Directory.CreateDirectory(Path.Combine(repository.Folder, "machines", deviceId)).FullName;
        var config = Path.Combine(machine, "updater.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["serverUrl"] = repository.Server.Url.AbsoluteUri,
            ["dataDirectory"] = "data",
            ["installRoot"] = "install",
            ["trustedRoot"] = repository.TrustedRoot,
            ["deviceId"] = deviceId,
            ["products"] = new[] { Platform },
            ["os"] = "linux",
            ["pins"] = new Dictionary<string, string> { [Platform] = pin },
            ["inventory"] = new Dictionary<string, object>
            {
                ["probes"] = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["id"] = "postgres.server", ["command"] = "/bin/echo", ["arguments"] = new[] { $"psql (PostgreSQL) {postgres}" },
                        ["pattern"] = "\\(PostgreSQL\\) (?<version>[0-9.]+)",
                    },
                },
            },
        }), Ct);
        ProcessRepository.Succeeded(await Apps.RunAsync(Apps.Updater, "apply", "--config", config));
        return config;
    }

    private static async Task<List<string>> UpdaterBulletinsAsync(string config, params string[] options)
    {
        var result = await Apps.RunAsync(Apps.Updater, ["bulletins", "--config", config, "--json", .. options]);
        ProcessRepository.Succeeded(result);
        var answer = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Empty(answer.GetProperty("refused").EnumerateArray());
        return [.. answer.GetProperty("bulletins").EnumerateArray().Select(b => b.GetProperty("id").GetString()!).Order(StringComparer.Ordinal)];
    }

    private async Task<List<string>> ODataAsync(string deviceId)
    {
        using var http = new HttpClient { BaseAddress = repository.Server.Url };
        var filter = Uri.EscapeDataString($"affectedDevices/any(d: d/deviceId eq '{deviceId}')");
        var answer = await http.GetFromJsonAsync<JsonElement>($"odata/Bulletins?$filter={filter}&$select=id", Ct);
        return [.. answer.GetProperty("value").EnumerateArray().Select(b => b.GetProperty("id").GetString()!).Order(StringComparer.Ordinal)];
    }

    private async Task<List<string>> AtomAsync(string deviceId)
    {
        using var http = new HttpClient { BaseAddress = repository.Server.Url };
        using var reader = XmlReader.Create(await http.GetStreamAsync($"feeds/bulletins.atom?device={deviceId}", Ct));
        return [.. SyndicationFeed.Load(reader).Items.Select(i => i.Id["urn:updateserver:bulletin:".Length..]).Order(StringComparer.Ordinal)];
    }
}
