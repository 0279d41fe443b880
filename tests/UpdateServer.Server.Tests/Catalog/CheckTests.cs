using System.Net;
using System.Net.Http.Json;
using System.Text;
using UpdateServer.Packaging.Api;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Catalog;

public sealed class CheckTests : ServerTestBase
{
    [Fact]
    public async Task OffersTheNewestReleaseWithItsTargetLengthAndHash()
    {
        var publication = Acme();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        var newest = await publication.AddPackageAsync("acme.culture-platform", "2.0.0");
        (await PublishAsync(publication)).EnsureSuccessStatusCode();

        var response = await CheckAsync(new InstalledProduct("acme.culture-platform", "1.0.0"));

        var update = Assert.Single(response.Steps);
        Assert.Equal("2.0.0", update.Version);
        Assert.Equal("acme/acme.culture-platform-2.0.0.upkg", update.TargetPath);
        Assert.Equal(newest.Length, update.Length);
        Assert.Equal(Packaging.Trust.FileHashes.Sha256Hex(newest), update.Hashes["sha256"]);
    }

    [Fact]
    public async Task OffersNothingWhenUpToDate()
    {
        var publication = Acme();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        (await PublishAsync(publication)).EnsureSuccessStatusCode();

        var response = await CheckAsync(new InstalledProduct("acme.culture-platform", "1.0.0"));

        Assert.Empty(response.Steps);
        Assert.Equal("up-to-date", Assert.Single(response.Products).Status);
    }

    [Fact]
    public async Task OffersAFirstInstallWhenNothingIsInstalled()
    {
        var publication = Acme();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        (await PublishAsync(publication)).EnsureSuccessStatusCode();

        var response = await CheckAsync(new InstalledProduct("acme.culture-platform", null));

        Assert.Equal("1.0.0", Assert.Single(response.Steps).Version);
    }

    [Fact]
    public async Task KeepsBetaReleasesFromStableDevices()
    {
        var publication = Acme();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        await publication.AddPackageAsync("acme.culture-platform", "2.0.0-beta.1", channel: "beta");
        (await PublishAsync(publication)).EnsureSuccessStatusCode();

        var stable = await CheckAsync(new InstalledProduct("acme.culture-platform", null));
        var beta = await CheckAsync(new InstalledProduct("acme.culture-platform", null), channel: "beta");

        Assert.Equal("1.0.0", Assert.Single(stable.Steps).Version);
        Assert.Equal("2.0.0-beta.1", Assert.Single(beta.Steps).Version);
    }

    [Fact]
    public async Task SaysWhenAProductIsUnknown()
    {
        var response = await CheckAsync(new InstalledProduct("acme.nothing", null));

        Assert.Equal("unknown-product", Assert.Single(response.Products).Status);
    }

    [Fact]
    public async Task SeesAPublishImmediately()
    {
        Assert.Empty((await CheckAsync(new InstalledProduct("acme.culture-platform", null))).Steps);
        var publication = Acme();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        (await PublishAsync(publication)).EnsureSuccessStatusCode();

        Assert.Single((await CheckAsync(new InstalledProduct("acme.culture-platform", null))).Steps);
    }

    [Theory]
    [InlineData("""{"deviceId":"m1","os":"linux","arch":"x64","products":[{"id":"acme.culture-platform","installedVersion":"1.0"}]}""", "products[0].installedVersion")]
    [InlineData("""{"deviceId":"m1","os":"linux","arch":"x64","products":[{"id":"NotAnId","installedVersion":null}]}""", "products[0].id")]
    [InlineData("""{"deviceId":"m 1","os":"linux","arch":"x64","products":[{"id":"acme.a"}]}""", "deviceId")]
    [InlineData("""{"deviceId":"m1","arch":"x64","products":[{"id":"acme.a"}]}""", "os")]
    [InlineData("""{"deviceId":"m1","os":"linux","arch":"x64","products":[]}""", "products")]
    [InlineData("""{"deviceId":"m1","os":"linux","arch":"x64","channel":"Beta!","products":[{"id":"acme.a"}]}""", "channel")]
    public async Task RefusesInvalidInventoryNamingTheField(string body, string field)
    {
        using var response = await Http.PostAsync("/api/v1/check", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("{\"deviceId\": ")]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{\"deviceId\":\"m1\",\"os\":\"linux\",\"arch\":\"x64\",\"products\":[{\"id\":\"acme.a\"}]} trailing")]
    public async Task RefusesMalformedJson(string body)
    {
        using var response = await Http.PostAsync("/api/v1/check", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
    }

    [Fact]
    public async Task RefusesABodyThatIsNotDeclaredJson()
    {
        const string Body = """{"deviceId":"m1","os":"linux","arch":"x64","products":[{"id":"acme.a"}]}""";

        using var response = await Http.PostAsync("/api/v1/check", new StringContent(Body, Encoding.UTF8, "text/plain"), Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, ProblemTypes.InvalidRequest);
    }

    [Fact]
    public async Task RefusesABodyOverTheLimit()
    {
        var huge = "{\"deviceId\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";

        using var response = await Http.PostAsync("/api/v1/check", new StringContent(huge, Encoding.UTF8, "application/json"), Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge);
    }

    private async Task<CheckResponse> CheckAsync(InstalledProduct product, string channel = "stable")
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/check", new CheckRequest
        {
            DeviceId = "machine-01",
            Channel = channel,
            Os = "linux",
            Arch = "x64",
            Products = [product],
        }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CheckResponse>(Ct))!;
    }
}
