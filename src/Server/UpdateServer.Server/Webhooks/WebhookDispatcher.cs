using System.Data.Common;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Webhooks;

/// <summary>
/// Sends queued webhook deliveries: each due one is leased (so several server instances never send it twice at
/// once), POSTed with its HMAC-SHA256 signature, and marked delivered on a 2xx answer; otherwise tried again after a
/// back-off that doubles from <c>Webhooks:InitialBackoff</c> up to <c>Webhooks:MaxBackoff</c>, and marked failed after
/// <c>Webhooks:MaxAttempts</c>. Every attempt's outcome stays in the delivery log.
/// </summary>
public sealed partial class WebhookDispatcher(IServiceScopeFactory scopes, IHttpClientFactory httpClients, IOptions<WebhookOptions> options,
    WebhookSignal signal, TimeProvider time, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    private const int Batch = 32;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchDueAsync(stoppingToken);
                await signal.WaitAsync(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException)
            {
                LogDispatchFailed(logger, e);
                await signal.WaitAsync(options.Value.PollInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>Sends every delivery due now (in batches) and returns how many were attempted.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var attempted = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>();
            var now = time.GetUtcNow();
            var due = await db.WebhookDeliveries
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now))
                .OrderBy(d => d.Id).Take(Batch).ToListAsync(cancellationToken);
            var sent = 0;
            foreach (var delivery in due)
            {
                // Each claim is timed when it is made: earlier sends of the batch may have taken a while.
                var claimedAt = time.GetUtcNow();
                var lease = claimedAt + (options.Value.Timeout * 2);
                var claimed = await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && (d.LeaseUntil == null || d.LeaseUntil < claimedAt))
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, lease), cancellationToken);
                if (claimed == 1)
                {
                    await AttemptAsync(delivery, cancellationToken);

                    // The lease was written around the change tracker, which still holds the value loaded before it:
                    // the lease's release is written explicitly, or the retry would wait for the lease, not the back-off.
                    db.Entry(delivery).Property(d => d.LeaseUntil).IsModified = true;
                    await db.SaveChangesAsync(cancellationToken);
                    sent++;
                }
            }

            attempted += sent;
            if (due.Count < Batch)
            {
                return attempted;
            }
        }
    }

    private async Task AttemptAsync(WebhookDeliveryRecord delivery, CancellationToken cancellationToken)
    {
        delivery.Attempts++;
        delivery.LeaseUntil = null;
        var endpoint = options.Value.Endpoints.FirstOrDefault(e => e.Name == delivery.Endpoint);
        if (endpoint is null)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            delivery.LastError = $"Endpoint \"{delivery.Endpoint}\" is no longer configured.";
            return;
        }

        var (status, error) = await SendAsync(endpoint, delivery, cancellationToken);
        delivery.LastStatusCode = status;
        delivery.LastError = error is { Length: > 1024 } ? error[..1024] : error;
        var now = time.GetUtcNow();
        if (error is null)
        {
            delivery.Status = WebhookDeliveryStatus.Delivered;
            delivery.DeliveredAt = now;
            return;
        }

        LogAttemptFailed(logger, delivery.Id, endpoint.Name, delivery.Attempts, error);
        if (delivery.Attempts >= options.Value.MaxAttempts)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            return;
        }

        delivery.NextAttemptAt = now + Backoff(delivery.Attempts);
    }

    /// <summary>The wait after attempt <paramref name="attempts"/> failed: initial × 2^(attempts−1), at most the maximum.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var wait = options.Value.InitialBackoff * Math.Pow(2, Math.Min(attempts - 1, 30));
        return wait < options.Value.MaxBackoff ? wait : options.Value.MaxBackoff;
    }

    private async Task<(int? Status, string? Error)> SendAsync(WebhookEndpoint endpoint, WebhookDeliveryRecord delivery, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.EventHeader, delivery.Event);
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(endpoint.Secret, timestamp, body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode ? ((int)response.StatusCode, null) : ((int)response.StatusCode, $"HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            return (null, e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {options.Value.Timeout.TotalSeconds:0} s");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to {Endpoint} failed (attempt {Attempt}): {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, long deliveryId, string endpoint, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook dispatch failed; retrying at the next poll")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);
}
