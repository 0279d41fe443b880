namespace UpdateServer.Server.Data;

/// <summary>
/// One notification to one webhook endpoint: written in the publish transaction (so nothing published goes
/// unannounced), then sent and retried with back-off by the dispatcher; the rows are the delivery log.
/// </summary>
public sealed class WebhookDeliveryRecord
{
    public long Id { get; set; }

    /// <summary>The endpoint's name in configuration (<c>Webhooks:Endpoints:N:Name</c>).</summary>
    public required string Endpoint { get; set; }

    /// <summary><c>bulletin.published</c>, <c>bulletin.revised</c> or <c>bulletin.withdrawn</c>.</summary>
    public required string Event { get; set; }

    public required string BulletinId { get; set; }

    public int Revision { get; set; }

    /// <summary>The JSON body sent, signed with the endpoint's secret.</summary>
    public required string Payload { get; set; }

    /// <summary><c>pending</c>, <c>delivered</c> or <c>failed</c> (gave up after the last attempt).</summary>
    public required string Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Until when one dispatcher (of possibly several instances) owns the attempt in progress.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}
