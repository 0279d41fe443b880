namespace UpdateServer.Server.Webhooks;

/// <summary>Where a delivery stands.</summary>
public static class WebhookDeliveryStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
