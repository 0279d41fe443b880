namespace UpdateServer.Server.Webhooks;

/// <summary>The events a webhook receives, by name.</summary>
public static class WebhookEvents
{
    public const string Published = "bulletin.published";
    public const string Revised = "bulletin.revised";
    public const string Withdrawn = "bulletin.withdrawn";

    public static IReadOnlyList<string> All { get; } = [Published, Revised, Withdrawn];
}
