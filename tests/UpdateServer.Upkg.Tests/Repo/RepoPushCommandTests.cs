using System.Net;
using UpdateServer.Upkg.Tests.Support;

namespace UpdateServer.Upkg.Tests.Repo;

/// <summary><c>upkg repo push</c>: the committed documents to the administration API, and never while a change is pending.</summary>
public sealed class RepoPushCommandTests : OperatorCommandTests
{
    private const string ServerUrl = "https://updates.example.org";
    private readonly FakeAdministrationServer _server = new();

    public override async ValueTask DisposeAsync()
    {
        _server.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task SendsTheCommittedRootTargetsAndVendorList()
    {
        var result = await PushAsync();

        Assert.Equal(0, result.ExitCode);
        var parts = Assert.Single(_server.Pushes);
        Assert.Equal(["root", "targets", "vendors"], parts.Select(p => p.Name));
        Assert.Equal(await File.ReadAllBytesAsync(Bed.ServerFile("vendors.json"), TestContext.Current.CancellationToken), parts[2].Body);
        Assert.Contains("vendor list version", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a new API key", "pending/vendors.json")]
    [InlineData("a vendor key replacement", "pending/2.targets.json")]
    [InlineData("a root rotation", "pending/2.root.json")]
    public async Task RefusesWhileAChangeIsPendingAndSendsNothing(string change, string named)
    {
        var other = KeyPairFiles.Create(Bed.Folder, "other");
        var prepared = change switch
        {
            "a new API key" => await Bed.RepoAsync("vendor", "new-api-key", "acme"),
            "a vendor key replacement" => await Bed.RepoAsync("vendor", "set-key", "acme", "--key", other.PublicKeyPath),
            _ => await Bed.RepoAsync("rotate", "--role", "root", "--add-key", other.PublicKeyPath),
        };
        Assert.Equal(0, prepared.ExitCode);

        var result = await PushAsync();

        var line = result.SingleErrorLine();
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.Contains("'upkg repo commit'", line, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task ReportsTheServersRefusalAsOneLine()
    {
        _server.Answer = (HttpStatusCode.UnprocessableEntity, "application/problem+json",
            """{"type": "urn:updateserver:problem:repository-import-refused", "status": 422, "detail": "targets.json version 1 is older than the imported version 2."}""");

        var result = await PushAsync();

        Assert.Contains("push refused: targets.json version 1 is older than the imported version 2. (422 urn:updateserver:problem:repository-import-refused)",
            result.SingleErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NeedsAnOperatorKey()
    {
        File.Delete(Path.Combine(Bed.Repo, "operator-api-key.txt"));

        var result = await PushAsync();

        Assert.Contains("no operator key", result.SingleErrorLine(expectedExitCode: 2), StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    private Task<CliResult> PushAsync() => UpkgHarness.RunAsync(_server, null, "repo", "push", "--repo", Bed.Repo, "--server", ServerUrl);
}
