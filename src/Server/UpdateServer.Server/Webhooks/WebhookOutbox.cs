using System.Text.Json;
using Microsoft.Extensions.Options;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Webhooks;

/// <summary>
/// Adds one delivery per subscribed endpoint to the database context, inside the publish transaction: the event and
/// its notifications commit together or not at all (an outbox), and the dispatcher sends them afterwards.
/// </summary>
public sealed class WebhookOutbox(IOptions<WebhookOptions> options, WebhookSignal signal)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The event a newly published revision amounts to.</summary>
    public static string EventOf(Bulletin bulletin) =>
        bulletin.Status == BulletinStatuses.Withdrawn ? WebhookEvents.Withdrawn
        : bulletin.Revision == 1 ? WebhookEvents.Published
        : WebhookEvents.Revised;

    /// <summary>Queues the notifications; nothing is saved until the caller saves the context.</summary>
    public void Enqueue(UpdateServerDbContext db, Bulletin bulletin, string targetPath, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(bulletin);
        var name = EventOf(bulletin);
        var payload = JsonSerializer.Serialize(new
        {
            @event = name,
            occurredAt = now,
            bulletin = new
            {
                id = bulletin.Id,
                revision = bulletin.Revision,
                type = bulletin.Type,
                severity = bulletin.Severity,
                status = bulletin.Status,
                title = bulletin.Title,
                cves = bulletin.Cves,
                targetPath,
                page = $"/admin/bulletins/{bulletin.Id}",
            },
        }, Web);
        foreach (var endpoint in options.Value.Endpoints.Where(e => e.Events.Count == 0 || e.Events.Contains(name, StringComparer.Ordinal)))
        {
            db.WebhookDeliveries.Add(new WebhookDeliveryRecord
            {
                Endpoint = endpoint.Name,
                Event = name,
                BulletinId = bulletin.Id,
                Revision = bulletin.Revision,
                Payload = payload,
                Status = WebhookDeliveryStatus.Pending,
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }
    }

    /// <summary>Tells the dispatcher new deliveries are committed, so it need not wait for its next poll.</summary>
    public void Notify() => signal.Wake();
}
