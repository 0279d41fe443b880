using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpdateServer.EndToEnd.Tests.Support;
using UpdateServer.Packaging.Trust;
using UpdateServer.Server.Data;
using UpdateServer.Testing;
using UpdateServer.Updater.Installing;

namespace UpdateServer.EndToEnd.Tests.InProcess;

/// <summary>
/// The updater engine against the real server on Kestrel, with a man in the middle that can tamper with any
/// response. Every attack must be refused with nothing installed and the trusted metadata unharmed.
/// </summary>
public sealed class UpdaterAgainstServerTests : IAsyncLifetime
{
    private const string Product = "acme.culture-platform";
    private readonly UpdateServerFactory _server = new();
    private InProcessUpdater _machine = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
        _machine = new InProcessUpdater(_server.BaseAddress, _server.Repository.RootBytes, _server.Clock.GetUtcNow(), Product);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _machine.Dispose();
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task InstallsThenUpdatesByteForByte()
    {
        var publication = new Publication("acme", _server.Repository.AcmeKey, _server.Clock.GetUtcNow());
        var v1 = await publication.AddPackageAsync(Product, "1.0.0");
        await PublishAsync(publication);

        var (_, first) = await _machine.Runner.ApplyAsync(null, Ct);

        Assert.True(Assert.Single(first).Succeeded, first[0].Error);
        Assert.Equal("1.0.0", CurrentLink.Read(ProductFolder));
        await InstalledTree.AssertMatchesPackageAsync(v1, Path.Combine(ProductFolder, "current"));

        publication.ClearUploads();
        publication.Version = 2;
        var v2 = await publication.AddPackageAsync(Product, "2.0.0", editSource: folder =>
            File.WriteAllText(Path.Combine(folder, "payload", "new-in-2.txt"), "new"));
        await PublishAsync(publication);
        var (_, second) = await _machine.Runner.ApplyAsync(null, Ct);

        Assert.True(Assert.Single(second).Succeeded, second[0].Error);
        Assert.Equal("2.0.0", CurrentLink.Read(ProductFolder));
        await InstalledTree.AssertMatchesPackageAsync(v2, Path.Combine(ProductFolder, "current"));
        Assert.Equal("2.0.0", _machine.Runner.LoadState().Find(Product)!.Version);
        Assert.Equal(["succeeded", "succeeded"], await ReportOutcomesAsync());
    }

    [Fact]
    public async Task RefusesAPackageWithOneChangedByteAndInstallsNothing()
    {
        await PublishV1Async();
        _machine.Network.Rewrite(p => p.StartsWith("/tuf/targets/", StringComparison.Ordinal), FlipOneByte);

        var (_, results) = await _machine.Runner.ApplyAsync(null, Ct);

        var result = Assert.Single(results);
        Assert.False(result.Succeeded);
        Assert.Equal("hash-mismatch", result.ErrorCode);
        AssertNothingInstalled();
        Assert.Contains("failed", await ReportOutcomesAsync());
    }

    [Fact]
    public async Task RefusesATargetLongerThanSignedAndInstallsNothing()
    {
        await PublishV1Async();
        _machine.Network.Rewrite(p => p.StartsWith("/tuf/targets/", StringComparison.Ordinal), b => [.. b, .. new byte[1 << 20]]);

        var (_, results) = await _machine.Runner.ApplyAsync(null, Ct);

        Assert.Equal("length-exceeded", Assert.Single(results).ErrorCode);
        AssertNothingInstalled();
    }

    [Fact]
    public async Task RefusesATimestampSignedByTheWrongKey()
    {
        await PublishV1Async();
        var forged = Metadata.Create(Metadata.FromBytes<TimestampMetadata>(await _http.GetByteArrayAsync("/tuf/metadata/timestamp.json", Ct)).Signed with { Version = 99 })
            .Sign(Packaging.Trust.Keys.SigningKey.Generate());
        _machine.Network.Replace(p => p.EndsWith("/timestamp.json", StringComparison.Ordinal), forged.ToBytes());

        await Assert.ThrowsAsync<SignatureThresholdNotMetException>(() => _machine.Runner.ApplyAsync(null, Ct));

        AssertNothingInstalled();
        Assert.DoesNotContain("timestamp.json", _machine.TrustedMetadata().Keys);
    }

    [Fact]
    public async Task RefusesAnExpiredTimestamp()
    {
        await PublishV1Async();
        _machine.Clock.Advance(TimeSpan.FromDays(2));

        var error = await Assert.ThrowsAsync<ExpiredMetadataException>(() => _machine.Runner.ApplyAsync(null, Ct));

        Assert.Equal(RoleNames.Timestamp, error.Role);
        AssertNothingInstalled();
    }

    [Fact]
    public async Task RefusesATimestampOlderThanTheTrustedOne()
    {
        var old = await _http.GetByteArrayAsync("/tuf/metadata/timestamp.json", Ct);
        await PublishV1Async();
        await _machine.Runner.CheckAsync(Ct);
        var trusted = _machine.TrustedMetadata()["timestamp.json"];
        _machine.Network.Replace(p => p.EndsWith("/timestamp.json", StringComparison.Ordinal), old);

        await Assert.ThrowsAsync<RollbackAttackException>(() => _machine.Runner.ApplyAsync(null, Ct));

        Assert.Equal(trusted, _machine.TrustedMetadata()["timestamp.json"]);
        AssertNothingInstalled();
    }

    [Fact]
    public async Task RefusesASnapshotVersionLowerThanTheTrustedOneEvenFromTheTimestampKey()
    {
        await PublishV1Async();
        await _machine.Runner.CheckAsync(Ct);
        var trusted = Metadata.FromBytes<TimestampMetadata>(_machine.TrustedMetadata()["timestamp.json"]).Signed;

        // An attacker holding the online timestamp key points a fresh timestamp at an older snapshot.
        var forged = Metadata.Create(trusted with
        {
            Version = trusted.Version + 1,
            SnapshotMeta = new MetaFile(1),
        }).Sign(_server.Repository.TimestampKey);
        _machine.Network.Replace(p => p.EndsWith("/timestamp.json", StringComparison.Ordinal), forged.ToBytes());

        await Assert.ThrowsAsync<RollbackAttackException>(() => _machine.Runner.ApplyAsync(null, Ct));

        AssertNothingInstalled();
    }

    [Fact]
    public async Task RefusesAdviceThatPointsAtAnOlderRelease()
    {
        var publication = new Publication("acme", _server.Repository.AcmeKey, _server.Clock.GetUtcNow());
        await publication.AddPackageAsync(Product, "1.0.0");
        await publication.AddPackageAsync(Product, "2.0.0");
        await PublishAsync(publication);
        Assert.True(Assert.Single((await _machine.Runner.ApplyAsync(null, Ct)).Results).Succeeded);
        Assert.Equal("2.0.0", CurrentLink.Read(ProductFolder));

        // A compromised server advises the old release as an update.
        _machine.Network.Rewrite(p => p.EndsWith("/api/v1/check", StringComparison.Ordinal), _ => Advice(("3.0.0", $"acme/{Product}-1.0.0.upkg")));

        var (check, results) = await _machine.Runner.ApplyAsync(null, Ct);

        Assert.Empty(results);
        Assert.Contains("not newer", Assert.Single(check.Refused).Reason, StringComparison.Ordinal);
        Assert.Equal("2.0.0", CurrentLink.Read(ProductFolder));
    }

    [Fact]
    public async Task RefusesAdviceForATargetNoTrustedMetadataLists()
    {
        await PublishV1Async();
        _machine.Network.Rewrite(p => p.EndsWith("/api/v1/check", StringComparison.Ordinal), _ => Advice(("9.0.0", "acme/evil-9.0.0.upkg")));

        var (check, results) = await _machine.Runner.ApplyAsync(null, Ct);

        Assert.Empty(results);
        Assert.StartsWith("no trusted metadata lists the target", Assert.Single(check.Refused).Reason, StringComparison.Ordinal);
        AssertNothingInstalled();
    }

    [Fact]
    public async Task InstallsOnlyTheNewestOfSeveralAdvisedReleases()
    {
        var publication = new Publication("acme", _server.Repository.AcmeKey, _server.Clock.GetUtcNow());
        await publication.AddPackageAsync(Product, "1.5.0");
        await publication.AddPackageAsync(Product, "2.0.0");
        await PublishAsync(publication);

        // A compromised server advises 2.0.0 then 1.5.0, hoping the second lands over the first.
        _machine.Network.Rewrite(p => p.EndsWith("/api/v1/check", StringComparison.Ordinal), _ => Advice(
            ("2.0.0", $"acme/{Product}-2.0.0.upkg"), ("1.5.0", $"acme/{Product}-1.5.0.upkg")));

        var (_, results) = await _machine.Runner.ApplyAsync(null, Ct);

        Assert.Equal("2.0.0", Assert.Single(results).ToVersion);
        Assert.Equal("2.0.0", CurrentLink.Read(ProductFolder));
    }

    [Fact]
    public async Task RefusesAProductSignedInAnotherVendorsNamespace()
    {
        // An attacker with the server's online keys and globex's key plants "acme.culture-platform" under globex/.
        var forged = new Publication("globex", _server.Repository.GlobexKey, _server.Clock.GetUtcNow());
        var package = await forged.AddPackageAsync(Product, "9.0.0", path: $"globex/{Product}-9.0.0.upkg");
        await RepositoryForgery.PlantAsync(_server, "globex", 1, forged, package);

        var (check, results) = await _machine.Runner.ApplyAsync(null, Ct);

        Assert.Empty(results);
        Assert.Contains("outside its vendor's namespace", Assert.Single(check.Refused).Reason, StringComparison.Ordinal);
        AssertNothingInstalled();
    }

    [Fact]
    public async Task RecoversWhenPowerFailedBetweenTheSwitchAndSavingTheState()
    {
        var publication = new Publication("acme", _server.Repository.AcmeKey, _server.Clock.GetUtcNow());
        await publication.AddPackageAsync(Product, "1.0.0");
        await PublishAsync(publication);
        await _machine.Runner.ApplyAsync(null, Ct);
        var stateAfterV1 = await File.ReadAllBytesAsync(_machine.Settings.StateFile, Ct);
        publication.ClearUploads();
        publication.Version = 2;
        await publication.AddPackageAsync(Product, "2.0.0");
        await PublishAsync(publication);
        await _machine.Runner.ApplyAsync(null, Ct);

        // The power cut: current points at 2.0.0 but the state file still says 1.0.0.
        await File.WriteAllBytesAsync(_machine.Settings.StateFile, stateAfterV1, Ct);
        var (_, results) = await _machine.Runner.ApplyAsync(null, Ct);

        Assert.Empty(results);
        Assert.Equal("2.0.0", CurrentLink.Read(ProductFolder));
        Assert.Equal("2.0.0", _machine.Runner.LoadState().Find(Product)!.Version);
    }

    private static byte[] Advice(params (string Version, string TargetPath)[] steps) =>
        ForgedAdvice.Steps(steps.Select(s => (Product, s.Version, s.TargetPath)).ToArray());

    private string ProductFolder => Path.Combine(_machine.InstallRoot, Product);

    private void AssertNothingInstalled()
    {
        Assert.Null(CurrentLink.Read(ProductFolder));
        Assert.False(Directory.Exists(Path.Combine(ProductFolder, "versions")) && Directory.EnumerateFileSystemEntries(Path.Combine(ProductFolder, "versions")).Any());
        Assert.Empty(_machine.Runner.LoadState().Products);
    }

    private async Task PublishV1Async()
    {
        var publication = new Publication("acme", _server.Repository.AcmeKey, _server.Clock.GetUtcNow());
        await publication.AddPackageAsync(Product, "1.0.0");
        await PublishAsync(publication);
    }

    private async Task PublishAsync(Publication publication)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/publish/acme") { Content = publication.Content() };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _server.Repository.AcmeApiKey);
        using var response = await _http.SendAsync(request, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task<List<string>> ReportOutcomesAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>().Reports.Select(r => r.Outcome).ToListAsync(Ct);
    }

    private static byte[] FlipOneByte(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        copy[copy.Length / 2] ^= 0x01;
        return copy;
    }
}
