using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpdateServer.Server.Data;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Bulletins;

/// <summary>A receiver nobody answers at: each attempt's error is logged, and the delivery is marked failed after the last one.</summary>
public sealed class WebhookFailureTests : IAsyncLifetime
{
    private UpdateServerFactory _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _server = new UpdateServerFactory(new Dictionary<string, string>
        {
            ["Webhooks:Endpoints:0:Name"] = "gone",
            ["Webhooks:Endpoints:0:Url"] = $"http://127.0.0.1:{ClosedPort()}/hook",
            ["Webhooks:Endpoints:0:Secret"] = "a-shared-secret-of-some-length",
            ["Webhooks:MaxAttempts"] = "2",
            ["Webhooks:InitialBackoff"] = "00:00:30",
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task MarksADeliveryFailedAfterItsLastAttemptAndKeepsTheError()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        var publication = new Publication("acme", _server.Repository.AcmeKey, _server.Clock.GetUtcNow());
        await publication.AddPackageAsync(BulletinSamples.Platform, "2.1.0");
        publication.AddBulletin(BulletinSamples.Security());
        await _server.PublishAsAcmeAsync(publication, Ct);

        var pending = await WaitForLogAsync(http, "<td class=\"attempts\">1</td>", TimeSpan.Zero);
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            // The attempt released its lease: the retry waits for the back-off, not for the lease to run out.
            var delivery = await scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>().WebhookDeliveries.SingleAsync(Ct);
            Assert.Null(delivery.LeaseUntil);
        }

        var failed = await WaitForLogAsync(http, "<td class=\"status\">failed</td>", TimeSpan.FromSeconds(10));

        Assert.Contains("<td class=\"status\">pending</td>", pending, StringComparison.Ordinal);
        Assert.Contains("<td class=\"attempts\">2</td>", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("delivered", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("a-shared-secret-of-some-length", failed, StringComparison.Ordinal);
    }

    /// <summary>A local port that was just free: connecting to it is refused at once.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Reads the delivery log until it shows <paramref name="text"/>, moving the server's clock on by <paramref name="advance"/> each time.</summary>
    private async Task<string> WaitForLogAsync(HttpClient http, string text, TimeSpan advance)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var log = await http.GetStringAsync("/admin/webhooks", Ct);
            if (log.Contains(text, StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return log;
            }

            _server.Clock.Advance(advance);
            await Task.Delay(50, Ct);
        }
    }
}
