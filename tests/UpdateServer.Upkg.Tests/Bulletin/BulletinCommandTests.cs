using System.Text;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Upkg.Tests.Support;

namespace UpdateServer.Upkg.Tests.Bulletin;

public sealed class BulletinCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task NewWritesADraftWhoseSeverityComesFromTheCvssVector()
    {
        var result = await NewAsync("ACME-2026-0001", "--type", "security", "--cvss", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H",
            "--affects", "acme.culture-platform=[1.0.0, 2.1.0)", "--fixed", "acme.culture-platform=2.1.0", "--cve", "CVE-2026-10001");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var draft = BulletinJson.Read(File.ReadAllBytes(_folder["draft.json"]));
        Assert.Equal("high", draft.Severity);
        Assert.Equal(8.8m, draft.Cvss!.BaseScore);
        Assert.Equal(1, draft.Revision);
    }

    [Theory]
    [InlineData("ACME-26-1", "--type", "notice", "--severity", "low", "--affects", "acme.culture-platform=[1.0.0, )")]
    [InlineData("ACME-2026-0001", "--type", "notice", "--severity", "low", "--affects", "acme.culture-platform=[2.0.0, 1.0.0]x")]
    [InlineData("ACME-2026-0001", "--type", "security", "--severity", "low", "--cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "--affects", "acme.a=[1.0.0, )")]
    [InlineData("ACME-2026-0001", "--type", "bugfix", "--affects", "acme.a=[1.0.0, )")]
    [InlineData("ACME-2026-0001", "--type", "notice", "--severity", "low", "--cve", "CVE-1", "--affects", "acme.a=[1.0.0, )")]
    public async Task NewRefusesAnInvalidBulletinInOneLine(params string[] args)
    {
        var result = await NewAsync(args[0], args[1..]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.StartsWith("upkg: ", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        Assert.False(File.Exists(_folder["draft.json"]));
    }

    [Fact]
    public async Task SignSealsRevisionOneThenTheNextRevisionWithTheWholeHistory()
    {
        await NewAsync("ACME-2026-0002", "--type", "bugfix", "--severity", "medium", "--component", "postgres.server=[15.0, 15.6)");

        var first = await UpkgHarness.RunAsync("bulletin", "sign", _folder["draft.json"], "--out", _folder["sealed"]);
        var second = await UpkgHarness.RunAsync("bulletin", "sign", _folder["draft.json"], "--previous", _folder["sealed/ACME-2026-0002.r1.bulletin.json"],
            "--summary", "Withdrawn: PostgreSQL 15.5 is not affected.", "--status", "withdrawn", "--out", _folder["sealed"]);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.Stderr + second.Stderr);
        var revision = BulletinJson.Read(File.ReadAllBytes(_folder["sealed/ACME-2026-0002.r2.bulletin.json"]));
        Assert.Equal(2, revision.Revision);
        Assert.Equal(BulletinStatuses.Withdrawn, revision.Status);
        Assert.Equal(["Initial release.", "Withdrawn: PostgreSQL 15.5 is not affected."], revision.Revisions.Select(r => r.Summary));
    }

    [Fact]
    public async Task SignNeverChangesASealedRevision()
    {
        await NewAsync("ACME-2026-0003", "--type", "notice", "--severity", "low", "--affects", "acme.culture-platform=[1.0.0, 2.0.0)");
        await UpkgHarness.RunAsync("bulletin", "sign", _folder["draft.json"], "--out", _folder["sealed"]);
        var sealedPath = _folder["sealed/ACME-2026-0003.r1.bulletin.json"];
        var before = File.ReadAllBytes(sealedPath);
        File.WriteAllText(_folder["draft.json"], Encoding.UTF8.GetString(File.ReadAllBytes(_folder["draft.json"])).Replace("Bulletin", "Changed", StringComparison.Ordinal));

        var again = await UpkgHarness.RunAsync("bulletin", "sign", _folder["draft.json"], "--out", _folder["sealed"]);

        Assert.Contains("exists with other contents", again.SingleErrorLine(), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(sealedPath));
    }

    [Theory]
    [InlineData("another bulletin as --previous", 1, "the draft is ACME-2026-0005 but --previous is ACME-2026-0006")]
    [InlineData("--previous without --summary", 2, "--summary (what this revision changes) is required with --previous")]
    [InlineData("a draft that does not exist", 1, "bulletin not found")]
    [InlineData("a draft that is not JSON", 1, "draft.json: ")]
    public async Task SignRefusesInOneLineAndWritesNothing(string what, int exitCode, string expected)
    {
        await NewAsync("ACME-2026-0006", "--type", "notice", "--severity", "low", "--affects", "acme.culture-platform=[1.0.0, 2.0.0)");
        Assert.Equal(0, (await UpkgHarness.RunAsync("bulletin", "sign", _folder["draft.json"], "--out", _folder["other"])).ExitCode);
        File.Delete(_folder["draft.json"]);
        await NewAsync("ACME-2026-0005", "--type", "notice", "--severity", "low", "--affects", "acme.culture-platform=[1.0.0, 2.0.0)");
        Assert.Equal(0, (await UpkgHarness.RunAsync("bulletin", "sign", _folder["draft.json"], "--out", _folder["other"])).ExitCode);
        string[] args = what switch
        {
            "another bulletin as --previous" => ["--previous", _folder["other/ACME-2026-0006.r1.bulletin.json"], "--summary", "Next."],
            "--previous without --summary" => ["--previous", _folder["other/ACME-2026-0005.r1.bulletin.json"]],
            _ => [],
        };
        var draft = what == "a draft that does not exist" ? _folder["missing.json"] : _folder["draft.json"];
        if (what == "a draft that is not JSON")
        {
            File.WriteAllText(draft, "{ not json");
        }

        var result = await UpkgHarness.RunAsync(["bulletin", "sign", draft, .. args, "--out", _folder["sealed"]]);

        Assert.Contains(expected, result.SingleErrorLine(exitCode), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder["sealed"]) && Directory.EnumerateFileSystemEntries(_folder["sealed"]).Any());
    }

    [Fact]
    public async Task PublishRefusesABulletinOutsideTheVendorsNamespaceBeforeContactingAnyServer()
    {
        await NewAsync("ACME-2026-0007", "--type", "notice", "--severity", "low", "--affects", "acme.culture-platform=[1.0.0, 2.0.0)");
        await UpkgHarness.RunAsync("bulletin", "sign", _folder["draft.json"], "--out", _folder["sealed"]);
        File.WriteAllText(_folder["contoso.key"], Packaging.Trust.Keys.SigningKey.Generate().ToPem());

        var result = await UpkgHarness.RunAsync(handler: null, variables: new Dictionary<string, string> { ["UPKG_API_KEY"] = "k" }, "bulletin", "publish",
            _folder["sealed/ACME-2026-0007.r1.bulletin.json"], "--server", "http://127.0.0.1:9/", "--vendor", "contoso", "--key", _folder["contoso.key"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ACME-2026-0007 is not in vendor \"contoso\"'s namespace", result.SingleErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishRefusesAnUnsealedDraftBeforeContactingAnyServer()
    {
        await NewAsync("ACME-2026-0004", "--type", "notice", "--severity", "low", "--affects", "acme.culture-platform=[1.0.0, 2.0.0)");
        File.WriteAllText(_folder["acme.key"], Packaging.Trust.Keys.SigningKey.Generate().ToPem());

        var result = await UpkgHarness.RunAsync(handler: null, variables: new Dictionary<string, string> { ["UPKG_API_KEY"] = "k" }, "bulletin", "publish",
            _folder["draft.json"], "--server", "http://127.0.0.1:9/", "--vendor", "acme", "--key", _folder["acme.key"]);

        Assert.Contains("not a sealed revision", result.SingleErrorLine(), StringComparison.Ordinal);
    }

    private Task<CliResult> NewAsync(string id, params string[] options) =>
        UpkgHarness.RunAsync(["bulletin", "new", id, "--title", "Bulletin title", "--summary", "What happened.", "--out", _folder["draft.json"], .. options]);
}
