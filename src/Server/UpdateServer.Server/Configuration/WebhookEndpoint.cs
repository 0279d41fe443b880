namespace UpdateServer.Server.Configuration;

/// <summary>One receiver of bulletin notifications (<c>Webhooks:Endpoints:N</c>).</summary>
public sealed class WebhookEndpoint
{
    /// <summary>A short unique name; the delivery log shows it (never the secret).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The http or https URL that receives a POST per event.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>The shared secret (at least 16 characters) the HMAC-SHA256 signature of every body is made with.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>The events to send (<c>bulletin.published</c>, <c>bulletin.revised</c>, <c>bulletin.withdrawn</c>); empty for all.</summary>
    public List<string> Events { get; set; } = [];
}
