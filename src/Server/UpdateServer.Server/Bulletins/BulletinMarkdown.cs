using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace UpdateServer.Server.Bulletins;

/// <summary>
/// Renders a bulletin's Markdown for the admin pages, safely: raw HTML is disabled (it comes out as text), and every
/// link and image URL must be http, https, mailto or relative — anything else (<c>javascript:</c>, <c>data:</c>,
/// <c>vbscript:</c>, …) is replaced by <c>#</c>. Markdig escapes all text and attributes.
/// </summary>
public static class BulletinMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().UseAutoLinks().Build();
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    /// <summary>The HTML of <paramref name="markdown"/>, with no script able to reach the page.</summary>
    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "#";
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>())
        {
            if (!IsSafe(autolink.Url))
            {
                autolink.Url = "#";
            }
        }

        return document.ToHtml(Pipeline);
    }

    /// <summary>http, https and mailto URLs, and relative ones (no scheme at all), after removing what browsers ignore.</summary>
    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        var cleaned = new string([.. url.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c))]);
        var colon = cleaned.IndexOf(':', StringComparison.Ordinal);
        var firstDelimiter = cleaned.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (firstDelimiter >= 0 && firstDelimiter < colon))
        {
            return true;
        }

        return AllowedSchemes.Contains(cleaned[..colon], StringComparer.OrdinalIgnoreCase);
    }
}
