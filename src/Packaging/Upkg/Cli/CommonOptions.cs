using System.CommandLine;

namespace UpdateServer.Upkg.Cli;

/// <summary>Options several commands share, defined once so they read the same everywhere.</summary>
public static class CommonOptions
{
    /// <summary><c>--json</c>: the result as JSON on stdout, for scripts; no progress output.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Write the result as JSON to stdout (for scripts)" };

    /// <summary>
    /// A duration option (<c>90d</c>, <c>12h</c>), kept as text so help shows the default as written; a malformed
    /// value is a usage error. Read it with <see cref="GetDuration"/>.
    /// </summary>
    public static Option<string> Duration(string name, string defaultText, string description)
    {
        var option = new Option<string>(name)
        {
            Description = $"{description} (e.g. 90d, 12h, 30m)",
            HelpName = "DURATION",
            DefaultValueFactory = _ => defaultText,
        };
        option.Validators.Add(result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : defaultText;
            if (!DurationText.TryParse(text, out _))
            {
                result.AddError($"{name}: {DurationText.Describe(text)}");
            }
        });
        return option;
    }

    /// <summary>The value of an option made by <see cref="Duration"/>; the parser has already checked it.</summary>
    public static TimeSpan GetDuration(ParseResult parse, Option<string> option)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return DurationText.Parse(parse.GetRequiredValue(option));
    }

    /// <summary>An absolute <c>http://</c> or <c>https://</c> URL option; anything else is a usage error.</summary>
    public static Option<Uri> HttpUrl(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "URL",
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return uri;
            }

            result.AddError($"{name} \"{text}\" must be an absolute http:// or https:// URL.");
            return null;
        },
    };
}
