using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Support;

/// <summary>
/// A fresh server per test where acme has published its platform 1.0.0, 2.0.0 and 2.1.0, with calls to publish
/// bulletins (each publish the next version of acme's metadata), query OData and ask for a check.
/// </summary>
public abstract class BulletinTestBase : ServerTestBase
{
    private Publication? _acme;

    /// <summary>Publishes the platform releases first (once), then <paramref name="bulletins"/>; asserts 201.</summary>
    protected async Task PublishBulletinsAsync(params Bulletin[] bulletins)
    {
        using var response = await TryPublishAsync(p =>
        {
            foreach (var bulletin in bulletins)
            {
                p.AddBulletin(bulletin);
            }
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>Publishes the next version of acme's metadata with what <paramref name="add"/> lists; the version moves on only on success.</summary>
    protected async Task<HttpResponseMessage> TryPublishAsync(Action<Publication> add)
    {
        ArgumentNullException.ThrowIfNull(add);
        if (_acme is null)
        {
            _acme = Acme();
            foreach (var version in new[] { "1.0.0", "2.0.0", "2.1.0" })
            {
                await _acme.AddPackageAsync(BulletinSamples.Platform, version);
            }

            using var first = await PublishAsync(_acme);
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            _acme.ClearUploads();
            _acme.Version++;
        }

        var attempt = Acme();
        attempt.Version = _acme.Version;
        attempt.AddExisting(_acme.Targets);
        add(attempt);
        var response = await PublishAsync(attempt);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            _acme.AddExisting(attempt.Targets);
            _acme.Version++;
        }

        return response;
    }

    /// <summary>GET /odata/... and the JSON answer (asserts 200).</summary>
    protected async Task<JsonElement> ODataAsync(string query)
    {
        using var response = await Http.GetAsync(query, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    /// <summary>The ids in an OData collection answer, in order.</summary>
    protected static List<string> Ids(JsonElement answer) =>
        [.. answer.GetProperty("value").EnumerateArray().Select(b => b.GetProperty("id").GetString()!)];

    /// <summary>A check by <paramref name="deviceId"/> with the platform (and PostgreSQL, when given) installed.</summary>
    protected async Task<CheckResponse> CheckAsync(string deviceId, string? platform, string? postgres = null)
    {
        var request = new CheckRequest
        {
            DeviceId = deviceId,
            Os = "linux",
            Arch = "x64",
            Products = [new InstalledProduct(BulletinSamples.Platform, platform)],
            Components = postgres is null ? [] : [new ComponentVersion(BulletinSamples.Database, postgres)],
        };
        using var response = await Http.PostAsJsonAsync("/api/v1/check", request, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<CheckResponse>(Ct))!;
    }
}
