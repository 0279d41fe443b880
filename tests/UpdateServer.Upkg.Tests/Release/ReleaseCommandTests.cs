using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Testing;
using UpdateServer.Upkg.Tests.Support;

namespace UpdateServer.Upkg.Tests.Release;

/// <summary>
/// <c>upkg release promote|yank</c> against the real server: the vendor re-signs the role that lists the release with
/// the new state, the server checks the move and records it, and machines are offered what the signed state allows.
/// </summary>
public sealed class ReleaseCommandTests : IAsyncLifetime
{
    private const string Product = "acme.culture-platform";
    private readonly UpdateServerFactory _server = new();
    private readonly TempFolder _folder = new();
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
        File.WriteAllText(_folder["acme.key"], _server.Repository.AcmeKey.ToPem());
        File.WriteAllText(_folder["other.key"], SigningKey.Generate().ToPem());
        File.WriteAllText(_folder["acme-api-key.txt"], _server.Repository.AcmeApiKey);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task PromotesATestingReleaseToStableForEveryMachine()
    {
        await PublishAsync("--state", "testing");
        Assert.Empty((await CheckAsync()).Steps);

        var result = await ReleaseAsync("promote", Product, "1.0.0", "--to", "stable", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(("testing", "stable", "acme", 2), (json.GetProperty("fromState").GetString(), json.GetProperty("toState").GetString(),
            json.GetProperty("role").GetString(), json.GetProperty("metadataVersion").GetInt32()));
        Assert.Equal(ReleaseStates.Stable, (await ServedFactsAsync()).State);
        Assert.Equal("1.0.0", Assert.Single((await CheckAsync()).Steps).Version);
        var events = (await HistoryAsync()).GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["published", "state-changed"], events.Select(e => e.GetProperty("event").GetString()));
        Assert.Equal(("testing", "stable"), (events[1].GetProperty("fromState").GetString(), events[1].GetProperty("toState").GetString()));
    }

    [Fact]
    public async Task YanksWithASignedReasonThatMachinesAndAdminsSee()
    {
        await PublishAsync();

        var result = await ReleaseAsync("yank", Product, "1.0.0", "--reason", "corrupts the archive index");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("stable -> yanked", result.Stdout, StringComparison.Ordinal);
        var facts = await ServedFactsAsync();
        Assert.Equal((ReleaseStates.Yanked, "corrupts the archive index"), (facts.State, facts.StateReason));
        Assert.Empty((await CheckAsync()).Steps);
        var history = await HistoryAsync();
        Assert.Equal("corrupts the archive index", history.GetProperty("stateReason").GetString());
        Assert.Equal("corrupts the archive index", history.GetProperty("events")[1].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task RefusesToBringAYankedReleaseBackAndSignsNothing()
    {
        await PublishAsync();
        Assert.Equal(0, (await ReleaseAsync("yank", Product, "1.0.0", "--reason", "broken")).ExitCode);
        var before = await RepositoryProbe.TakeAsync(_server);

        var result = await ReleaseAsync("promote", Product, "1.0.0", "--to", "stable");

        var line = result.SingleErrorLine();
        Assert.Contains("is yanked; it cannot become stable", line, StringComparison.Ordinal);
        Assert.Equal(before, await RepositoryProbe.TakeAsync(_server));
    }

    [Fact]
    public async Task RefusesToMoveAStableReleaseBackToTestingAndSignsNothing()
    {
        await PublishAsync();
        var before = await RepositoryProbe.TakeAsync(_server);

        var result = await ReleaseAsync("promote", Product, "1.0.0", "--to", "testing");

        Assert.Contains("is stable; it cannot become testing", result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.Equal(before, await RepositoryProbe.TakeAsync(_server));
        Assert.Equal(ReleaseStates.Stable, (await ServedFactsAsync()).State);
    }

    [Fact]
    public async Task LeavesAReleaseAlreadyInTheStateAlone()
    {
        await PublishAsync();
        var before = await RepositoryProbe.TakeAsync(_server);

        var result = await ReleaseAsync("promote", Product, "1.0.0", "--to", "stable");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("stable (unchanged)", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, await RepositoryProbe.TakeAsync(_server));
    }

    [Theory]
    [InlineData("2.0.0", "is not published by acme")]
    [InlineData("1.0", "is not a SemVer 2.0 version")]
    public async Task RefusesAReleaseThatIsNotThere(string version, string message)
    {
        await PublishAsync();

        var result = await ReleaseAsync("yank", Product, version, "--reason", "x");

        Assert.Contains(message, result.SingleErrorLine(expectedExitCode: version == "1.0" ? 2 : 1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequiresAReasonToYank()
    {
        await PublishAsync();

        var result = await ReleaseAsync("yank", Product, "1.0.0");

        Assert.Contains("--reason", result.SingleErrorLine(expectedExitCode: 2), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesToSignOnTopOfACopyNotSignedByTheKeyGiven()
    {
        await PublishAsync();
        var before = await RepositoryProbe.TakeAsync(_server);

        var result = await ReleaseAsync("yank", Product, "1.0.0", "--reason", "x", "--key", _folder["other.key"]);

        Assert.Contains("is not signed by your key", result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.Equal(before, await RepositoryProbe.TakeAsync(_server));
    }

    [Fact]
    public async Task ResignsOnlyTheBinThatListsTheRelease()
    {
        await PublishAsync("--bins", "16");

        var result = await ReleaseAsync("yank", Product, "1.0.0", "--reason", "broken", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var role = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("role").GetString()!;
        Assert.StartsWith("acme.bin-", role, StringComparison.Ordinal);
        var bin = Metadata.FromBytes<TargetsMetadata>(await _http.GetByteArrayAsync($"/tuf/metadata/{role}.json", Ct));
        Assert.Equal(ReleaseStates.Yanked, ReleaseFacts.FromCustom(bin.Signed.Targets[$"acme/{Product}-1.0.0.upkg"].Custom).State);
        Assert.Empty((await CheckAsync()).Steps);
    }

    private async Task PublishAsync(params string[] options)
    {
        var package = await PackageSourceFolder.PackAsync(_folder, "app", PackageSourceFolder.Template(Product, "1.0.0"));
        var result = await UpkgHarness.RunAsync(handler: null, variables: null, [
            "publish", package, .. options, "--server", _server.BaseAddress.ToString(), "--vendor", "acme",
            "--key", _folder["acme.key"], "--api-key-file", _folder["acme-api-key.txt"]]);
        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    /// <summary>Runs <c>upkg release ...</c> as vendor acme; a later <c>--key</c> in <paramref name="args"/> wins.</summary>
    private Task<CliResult> ReleaseAsync(params string[] args) => UpkgHarness.RunAsync(handler: null, variables: null, [
        "release", .. args.TakeWhile(a => a != "--key"), "--server", _server.BaseAddress.ToString(), "--vendor", "acme",
        "--key", args.SkipWhile(a => a != "--key").Skip(1).FirstOrDefault() ?? _folder["acme.key"], "--api-key-file", _folder["acme-api-key.txt"]]);

    private async Task<ReleaseFacts> ServedFactsAsync()
    {
        var metadata = Metadata.FromBytes<TargetsMetadata>(await _http.GetByteArrayAsync("/tuf/metadata/acme.json", Ct));
        return ReleaseFacts.FromCustom(metadata.Signed.Targets[$"acme/{Product}-1.0.0.upkg"].Custom);
    }

    private async Task<JsonElement> HistoryAsync() =>
        Assert.Single((await _http.GetFromJsonAsync<JsonElement>($"/api/v1/products/{Product}/releases", Ct)).EnumerateArray());

    private async Task<CheckResponse> CheckAsync()
    {
        using var response = await _http.PostAsJsonAsync("/api/v1/check", new CheckRequest
        {
            DeviceId = "machine-01",
            Os = "linux",
            Arch = "x64",
            Products = [new InstalledProduct(Product, null)],
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CheckResponse>(Ct))!;
    }
}
