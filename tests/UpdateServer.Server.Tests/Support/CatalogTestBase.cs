using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Versions;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Support;

/// <summary>
/// A fresh server per test with the calls catalog tests make: publish releases with full facts, ask for a plan,
/// read a product's release history.
/// </summary>
public abstract class CatalogTestBase : ServerTestBase
{
    protected const string Platform = "acme.culture-platform";

    /// <summary>The facts of a stable release on every OS and architecture.</summary>
    protected static ReleaseFacts Facts(string product, string version, string kind = ProductKinds.Platform, string state = ReleaseStates.Stable) =>
        new() { Product = product, Version = StrictVersion.Parse(version), Kind = kind, State = state };

    /// <summary>Publishes the releases as acme's first metadata version and asserts 201.</summary>
    protected async Task<Publication> PublishReleasesAsync(params ReleaseFacts[] releases)
    {
        var publication = Acme();
        foreach (var release in releases)
        {
            await publication.AddSignedReleaseAsync(release);
        }

        using var response = await PublishAsync(publication);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return publication;
    }

    /// <summary>A linux/x64 machine on the stable channel managing <paramref name="products"/>.</summary>
    protected static CheckRequest Machine(params InstalledProduct[] products) => new()
    {
        DeviceId = "machine-01",
        Os = "linux",
        Arch = "x64",
        Products = products,
    };

    protected async Task<CheckResponse> CheckAsync(CheckRequest request)
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/check", request, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<CheckResponse>(Ct))!;
    }

    protected async Task<HttpResponseMessage> PostCheckAsync(string json) =>
        await Http.PostAsync("/api/v1/check", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    /// <summary>The history API's answer for <paramref name="product"/>, as JSON (asserts 200).</summary>
    protected async Task<JsonElement> HistoryAsync(string product = Platform)
    {
        using var response = await Http.GetAsync($"/api/v1/products/{product}/releases", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    /// <summary>A declared hardware ID (modalias pattern or Windows ID).</summary>
    protected static HardwareIdPattern Pattern(string text) =>
        HardwareIdPattern.TryParse(text, out var pattern) ? pattern! : throw new ArgumentException($"Not a hardware ID: {text}", nameof(text));

    /// <summary>
    /// What a refused publish must leave untouched: repository counts, the served acme metadata and the product's history
    /// (so acme must have published <see cref="Platform"/> before).
    /// </summary>
    protected async Task<(RepositoryProbe.Picture Probe, string VendorMetadata, string History)> SnapshotAsync() =>
        (await RepositoryProbe.TakeAsync(Server), await Http.GetStringAsync("/tuf/metadata/acme.json", Ct), await HistoryTextAsync());

    /// <summary>The raw history text, to prove a refused publish left it byte-for-byte as it was.</summary>
    protected async Task<string> HistoryTextAsync(string product = Platform) =>
        await Http.GetStringAsync($"/api/v1/products/{product}/releases", Ct);
}
