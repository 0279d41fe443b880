using Microsoft.Extensions.Options;
using UpdateServer.Server.Configuration;

namespace UpdateServer.Server.Webhooks;

/// <summary>Checks every configured endpoint; each message names the configuration key. Changes nothing.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.Endpoints.Count; i++)
        {
            var endpoint = options.Endpoints[i];
            var key = $"{WebhookOptions.Section}:Endpoints:{i}";
            if (endpoint.Name is not { Length: > 0 and <= 64 } || endpoint.Name.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_'))
            {
                errors.Add($"{key}:Name must be 1-64 letters, digits, '-' or '_'.");
            }

            if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                errors.Add($"{key}:Url must be an absolute http or https URL.");
            }

            if (endpoint.Secret is not { Length: >= 16 })
            {
                errors.Add($"{key}:Secret must be at least 16 characters.");
            }

            if (endpoint.Events.FirstOrDefault(e => !WebhookEvents.All.Contains(e, StringComparer.Ordinal)) is { } unknown)
            {
                errors.Add($"{key}:Events: \"{unknown}\" is not one of {string.Join(", ", WebhookEvents.All)}.");
            }
        }

        if (options.Endpoints.GroupBy(e => e.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            errors.Add($"{WebhookOptions.Section}:Endpoints: the name \"{twice.Key}\" is used twice.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
