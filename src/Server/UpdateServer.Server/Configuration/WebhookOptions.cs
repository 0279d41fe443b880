using System.ComponentModel.DataAnnotations;

namespace UpdateServer.Server.Configuration;

/// <summary>Webhooks for bulletin events: receivers and the retry policy. Section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary><c>Webhooks:Endpoints</c>: the receivers; validated by <see cref="Webhooks.WebhookOptionsValidator"/>.</summary>
    public List<WebhookEndpoint> Endpoints { get; set; } = [];

    /// <summary><c>Webhooks:MaxAttempts</c>: attempts per delivery before it is marked failed (default 8).</summary>
    [Range(1, 100, ErrorMessage = "Webhooks:MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 8;

    /// <summary><c>Webhooks:InitialBackoff</c>: the wait after the first failed attempt; it doubles after each (default 10 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Webhooks:InitialBackoff must be between 1 second and 1 day.")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary><c>Webhooks:MaxBackoff</c>: the longest wait between attempts (default 1 hour).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Webhooks:MaxBackoff must be between 1 second and 7 days.")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary><c>Webhooks:PollInterval</c>: how often due deliveries are looked for (default 5 s; a publish wakes the dispatcher at once).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Webhooks:PollInterval must be between 1 second and 1 hour.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><c>Webhooks:Timeout</c>: how long one attempt may take (default 10 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Webhooks:Timeout must be between 1 second and 5 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
