using System.Text;
using System.Text.Json.Nodes;
using UpdateServer.EndToEnd.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.EndToEnd.Tests.InProcess;

/// <summary>
/// The check API's bulletin notices are advice: the updater lists a bulletin only when its document comes through TUF
/// and, judged on the machine, bears on it. A man in the middle rewrites the server's answers.
/// </summary>
public sealed class BulletinAdviceTests : IAsyncLifetime
{
    private readonly UpdateServerFactory _server = new();
    private InProcessUpdater _machine = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var publication = new Publication("acme", _server.Repository.AcmeKey, _server.Clock.GetUtcNow());
        await publication.AddPackageAsync(BulletinSamples.Platform, "1.0.0");
        await publication.AddPackageAsync(BulletinSamples.Platform, "2.1.0");
        publication.AddBulletin(BulletinSamples.Security());
        publication.AddBulletin(BulletinSamples.DatabaseBug());
        await _server.PublishAsAcmeAsync(publication, Ct);
        _machine = new InProcessUpdater(_server.BaseAddress, _server.Repository.RootBytes, _server.Clock.GetUtcNow(),
            settings => settings with { Pins = new Dictionary<string, NuGet.Versioning.VersionRange> { [BulletinSamples.Platform] = NuGet.Versioning.VersionRange.Parse("[1.0.0]") } },
            BulletinSamples.Platform);
        var (_, results) = await _machine.Runner.ApplyAsync(null, Ct);
        Assert.True(Assert.Single(results).Succeeded);
    }

    public async ValueTask DisposeAsync()
    {
        _machine.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ListsTheSignedBulletinThatAffectsTheMachine()
    {
        var (bulletins, refused) = await _machine.Runner.BulletinsAsync(Ct);

        var bulletin = Assert.Single(bulletins);
        Assert.Equal("ACME-2026-0001", bulletin.Document.Id);
        Assert.Equal("affected", bulletin.Exposure.Status);
        Assert.Equal("acme", bulletin.SignedBy);
        Assert.Empty(refused);
    }

    [Fact]
    public async Task RefusesABulletinNoSignedMetadataLists()
    {
        AddNotice("ACME-2026-0666", "acme/ACME-2026-0666.r1.bulletin.json");

        var (bulletins, refused) = await _machine.Runner.BulletinsAsync(Ct);

        Assert.Equal(["ACME-2026-0001"], bulletins.Select(b => b.Document.Id));
        Assert.Contains("not signed", Assert.Single(refused).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JudgesRelevanceFromTheSignedDocumentNotFromTheServer()
    {
        AddNotice("ACME-2026-0002", "acme/ACME-2026-0002.r1.bulletin.json");

        var (bulletins, refused) = await _machine.Runner.BulletinsAsync(Ct);

        Assert.Equal(["ACME-2026-0001"], bulletins.Select(b => b.Document.Id));
        Assert.Empty(refused);
    }

    [Fact]
    public async Task RefusesAPackagePassedOffAsABulletin()
    {
        AddNotice("ACME-2026-0001", "acme/acme.culture-platform-1.0.0.upkg");

        var (_, refused) = await _machine.Runner.BulletinsAsync(Ct);

        Assert.Contains(refused, r => r.TargetPath == "acme/acme.culture-platform-1.0.0.upkg");
    }

    [Fact]
    public async Task RefusesABulletinChangedInTransit()
    {
        _machine.Network.Rewrite(p => p.Contains("ACME-2026-0001.r1.bulletin.json", StringComparison.Ordinal),
            bytes => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("critical", "low     ", StringComparison.Ordinal)));

        var (bulletins, refused) = await _machine.Runner.BulletinsAsync(Ct);

        Assert.Empty(bulletins);
        Assert.Equal("ACME-2026-0001", Assert.Single(refused).Product);
    }

    [Fact]
    public async Task RefusesANoticeWhoseSignedFactsNameAnotherBulletin()
    {
        AddNotice("ACME-2026-0001", "acme/ACME-2026-0002.r1.bulletin.json");

        var (bulletins, refused) = await _machine.Runner.BulletinsAsync(Ct);

        Assert.Equal(["acme/ACME-2026-0001.r1.bulletin.json"], bulletins.Select(b => b.TargetPath));
        var refusal = Assert.Single(refused);
        Assert.Equal("acme/ACME-2026-0002.r1.bulletin.json", refusal.TargetPath);
        Assert.Contains("not as the server says", refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchesABulletinAgainWhenItsCachedCopyWasChanged()
    {
        Assert.Single((await _machine.Runner.BulletinsAsync(Ct)).Bulletins);
        var cached = Assert.Single(Directory.GetFiles(_machine.Settings.BulletinDirectory, "*.json"),
            f => File.ReadAllText(f).Contains("ACME-2026-0001", StringComparison.Ordinal));
        File.WriteAllText(cached, File.ReadAllText(cached).Replace("critical", "low     ", StringComparison.Ordinal));

        var (bulletins, refused) = await _machine.Runner.BulletinsAsync(Ct);

        Assert.Equal("critical", Assert.Single(bulletins).Document.Severity);
        Assert.Empty(refused);
        Assert.Contains("\"critical\"", File.ReadAllText(cached), StringComparison.Ordinal);
    }

    private void AddNotice(string id, string targetPath) =>
        _machine.Network.Rewrite(p => p.EndsWith("/api/v1/check", StringComparison.Ordinal), body =>
        {
            var advice = JsonNode.Parse(body)!;
            advice["bulletins"]!.AsArray().Add(new JsonObject { ["id"] = id, ["revision"] = 1, ["targetPath"] = targetPath, ["status"] = "affected" });
            return Encoding.UTF8.GetBytes(advice.ToJsonString());
        });
}
