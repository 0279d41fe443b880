using System.Net;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Upkg.Tests.Support;

namespace UpdateServer.Upkg.Tests.Publish;

/// <summary>Every way <c>upkg publish</c> refuses: one stderr line, a non-zero exit, and nothing signed or sent that should not be.</summary>
public sealed class PublishRefusalTests : IDisposable
{
    private readonly PublishTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task RefusesAServerCopyNotSignedByTheVendorKeyWithoutPosting()
    {
        var intruder = SigningKey.Generate();
        var forged = new TargetsMetadata { Version = 7, Expires = UpkgHarness.Now.AddDays(30), Targets = new Dictionary<string, TargetFile>() };
        _bed.Server.VendorMetadata[PublishTestBed.Vendor] = Metadata.Create(forged).Sign(intruder).ToBytes();
        var package = await _bed.PackAsync("app", "acme.app", "1.0.0");

        var result = await _bed.PublishAsync(package);

        Assert.Contains("the server's copy of acme.json", result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.Contains("is not signed by your key", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_bed.Server.Publishes);
    }

    [Fact]
    public async Task RefusesAServerCopyThatIsNotMetadata()
    {
        _bed.Server.VendorMetadata[PublishTestBed.Vendor] = "<html>maintenance</html>"u8.ToArray();
        var package = await _bed.PackAsync("app", "acme.app", "1.0.0");

        var result = await _bed.PublishAsync(package);

        Assert.Contains("acme.json", result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.Empty(_bed.Server.Publishes);
    }

    [Fact]
    public async Task TurnsAProblemDetailsRefusalIntoOneLine()
    {
        _bed.Server.Refusal = (HttpStatusCode.Forbidden, "application/problem+json",
            """{"type": "urn:updateserver:problem:vendor-mismatch", "title": "Wrong vendor", "status": 403, "detail": "This API key belongs to another vendor."}""");
        var package = await _bed.PackAsync("app", "acme.app", "1.0.0");

        var result = await _bed.PublishAsync(package);

        Assert.Equal(
            "upkg: publish refused: This API key belongs to another vendor. (403 urn:updateserver:problem:vendor-mismatch)",
            result.SingleErrorLine());
    }

    [Fact]
    public async Task TurnsAnErrorPageIntoOneLineWithTheStatus()
    {
        _bed.Server.Refusal = (HttpStatusCode.BadGateway, "text/html", "<html>\n<body>Bad gateway</body>\n</html>");
        var package = await _bed.PackAsync("app", "acme.app", "1.0.0");

        var result = await _bed.PublishAsync(package);

        Assert.Contains("(502 about:blank)", result.SingleErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAProductOutsideTheVendorNamespaceBeforeAnyRequest()
    {
        var package = await _bed.PackAsync("app", "globex.app", "1.0.0");

        var result = await _bed.PublishAsync(package);

        var line = result.SingleErrorLine();
        Assert.Contains("globex.app", line, StringComparison.Ordinal);
        Assert.Contains("\"acme.\"", line, StringComparison.Ordinal);
        Assert.Empty(_bed.Server.Requests);
    }

    [Fact]
    public async Task RefusesToChangeThePackageOfAPublishedVersion()
    {
        var original = await _bed.PackAsync("original", "acme.app", "1.0.0");
        var changed = await _bed.PackAsync("changed", "acme.app", "1.0.0", payload: "different");
        await _bed.PublishAsync(original);

        var result = await _bed.PublishAsync(changed);

        Assert.Contains("already published with other contents", result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.Single(_bed.Server.Publishes);
    }

    [Fact]
    public async Task RequiresAnApiKey()
    {
        var package = await _bed.PackAsync("app", "acme.app", "1.0.0");

        var result = await UpkgHarness.RunAsync(_bed.Server, null,
            "publish", package, "--server", PublishTestBed.ServerUrl, "--vendor", PublishTestBed.Vendor, "--key", _bed.VendorKey.PrivateKeyPath);

        Assert.Contains("UPKG_API_KEY", result.SingleErrorLine(expectedExitCode: 2), StringComparison.Ordinal);
        Assert.Empty(_bed.Server.Requests);
    }

    [Fact]
    public async Task ReportsANetworkFailureAsOneLine()
    {
        using var unreachable = new UnreachableServer();
        var package = await _bed.PackAsync("app", "acme.app", "1.0.0");

        var result = await UpkgHarness.RunAsync(unreachable, null, "publish", package, "--server", PublishTestBed.ServerUrl,
            "--vendor", PublishTestBed.Vendor, "--key", _bed.VendorKey.PrivateKeyPath, "--api-key-file", _bed.ApiKeyFile);

        Assert.Contains("Connection refused", result.SingleErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAPackageThatDoesNotVerify()
    {
        var package = await _bed.PackAsync("app", "acme.app", "1.0.0");
        var bytes = File.ReadAllBytes(package);
        File.WriteAllBytes(package, bytes[..(bytes.Length / 2)]);

        var result = await _bed.PublishAsync(package);

        Assert.Contains(package, result.SingleErrorLine(), StringComparison.Ordinal);
        Assert.Empty(_bed.Server.Requests);
    }

    [Theory]
    [InlineData("--server", "ftp://updates.example.org")]
    [InlineData("--vendor", "Acme")]
    [InlineData("--channel", "Beta Channel")]
    [InlineData("--expires", "soon")]
    public async Task RefusesAMalformedOptionAsAUsageError(string option, string value)
    {
        var package = await _bed.PackAsync("app", "acme.app", "1.0.0");
        var args = new List<string> { "publish", package, "--server", PublishTestBed.ServerUrl, "--vendor", PublishTestBed.Vendor, "--key", _bed.VendorKey.PrivateKeyPath, "--api-key-file", _bed.ApiKeyFile };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var result = await UpkgHarness.RunAsync(_bed.Server, null, [.. args]);

        Assert.Contains(option, result.SingleErrorLine(expectedExitCode: 2), StringComparison.Ordinal);
        Assert.Empty(_bed.Server.Requests);
    }
}
