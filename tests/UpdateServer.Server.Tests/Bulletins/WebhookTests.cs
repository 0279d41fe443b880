using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Server.Webhooks;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Bulletins;

/// <summary>Webhooks against a real receiver on Kestrel that fails its first call; time moves on the server's fake clock.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "a-shared-secret-of-some-length";
    private readonly ConcurrentQueue<(string Event, string Timestamp, string Signature, byte[] Body)> _received = new();
    private WebApplication _receiver = null!;
    private UpdateServerFactory _server = null!;
    private int _calls;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            _received.Enqueue((request.Headers[WebhookSignature.EventHeader].ToString(), request.Headers[WebhookSignature.TimestampHeader].ToString(),
                request.Headers[WebhookSignature.Header].ToString(), body.ToArray()));
            return Interlocked.Increment(ref _calls) == 1 ? Results.StatusCode(500) : Results.NoContent();
        });
        await _receiver.StartAsync(Ct);
        _server = new UpdateServerFactory(new Dictionary<string, string>
        {
            ["Webhooks:Endpoints:0:Name"] = "soc",
            ["Webhooks:Endpoints:0:Url"] = _receiver.Urls.First() + "/hook",
            ["Webhooks:Endpoints:0:Secret"] = Secret,
            ["Webhooks:InitialBackoff"] = "00:00:30",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task SignsEachEventAndRetriesAFailedDeliveryWithBackOff()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        var publication = new Publication("acme", _server.Repository.AcmeKey, _server.Clock.GetUtcNow());
        await publication.AddPackageAsync(BulletinSamples.Platform, "2.1.0");
        publication.AddBulletin(BulletinSamples.Security());
        await _server.PublishAsAcmeAsync(publication, Ct);

        await WaitForCallsAsync(1, advance: TimeSpan.Zero);
        var failedLog = await WaitForLogAsync(http, "HTTP 500"); // recorded once the receiver's answer is back
        await WaitForCallsAsync(2, advance: TimeSpan.FromSeconds(10));
        var log = await WaitForLogAsync(http, "<td class=\"status\">delivered</td>");

        Assert.Contains("HTTP 500", failedLog, StringComparison.Ordinal);
        Assert.Contains("<td class=\"attempts\">2</td>", log, StringComparison.Ordinal);
        var deliveries = _received.ToArray();
        Assert.All(deliveries, d => Assert.True(WebhookSignature.Verify(Secret, long.Parse(d.Timestamp, CultureInfo.InvariantCulture), d.Body, d.Signature)));
        Assert.Equal(deliveries[0].Body, deliveries[1].Body);
        Assert.True(long.Parse(deliveries[1].Timestamp, CultureInfo.InvariantCulture) - long.Parse(deliveries[0].Timestamp, CultureInfo.InvariantCulture) >= 30);
        var payload = JsonSerializer.Deserialize<JsonElement>(deliveries[1].Body);
        Assert.Equal(WebhookEvents.Published, deliveries[1].Event);
        Assert.Equal("ACME-2026-0001", payload.GetProperty("bulletin").GetProperty("id").GetString());
        Assert.False(WebhookSignature.Verify("another-secret-entirely", long.Parse(deliveries[1].Timestamp, CultureInfo.InvariantCulture), deliveries[1].Body,
            deliveries[1].Signature));
    }

    [Fact]
    public void AWithdrawalIsItsOwnEvent()
    {
        var first = BulletinSamples.Security();
        var withdrawn = BulletinSamples.NextRevision(first, "Withdrawn.", BulletinStatuses.Withdrawn);

        Assert.Equal(WebhookEvents.Published, WebhookOutbox.EventOf(first));
        Assert.Equal(WebhookEvents.Revised, WebhookOutbox.EventOf(BulletinSamples.NextRevision(first, "More.")));
        Assert.Equal(WebhookEvents.Withdrawn, WebhookOutbox.EventOf(withdrawn));
    }

    private async Task WaitForCallsAsync(int calls, TimeSpan advance)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Volatile.Read(ref _calls) < calls)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The receiver got {_calls} call(s), not {calls}.");
            _server.Clock.Advance(advance);
            await Task.Delay(50, Ct);
        }
    }

    private static async Task<string> WaitForLogAsync(HttpClient http, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var log = await http.GetStringAsync("/admin/webhooks", Ct);
            if (log.Contains(text, StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return log;
            }

            await Task.Delay(50, Ct);
        }
    }
}
