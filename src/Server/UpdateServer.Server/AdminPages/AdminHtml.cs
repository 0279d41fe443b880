using System.Text;
using System.Text.Encodings.Web;

namespace UpdateServer.Server.AdminPages;

/// <summary>
/// Builds an admin page: every piece of text goes through <see cref="Text"/> (HTML-encoded); only
/// <see cref="Raw"/> takes markup, and it is given only our own tags or sanitized Markdown output. The page's
/// Content-Security-Policy forbids scripts altogether, as a second wall.
/// </summary>
public sealed class AdminHtml
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src https: http:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private readonly StringBuilder _html = new();

    public AdminHtml(string title)
    {
        _html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title))
            .Append(" · UpdateServer</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem}table{border-collapse:collapse;width:100%}")
            .Append("th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}")
            .Append(".sev-critical{color:#a00;font-weight:bold}.sev-high{color:#c40}.sev-medium{color:#960}")
            .Append("nav a{margin-right:1rem}form.filters label{margin-right:.75rem}.markdown{border-left:3px solid #ccc;padding-left:1rem}")
            .Append("</style></head><body><nav><a href=\"/admin/bulletins\">Bulletins</a><a href=\"/admin/webhooks\">Webhook deliveries</a>")
            .Append("<a href=\"/feeds/bulletins.atom\">Atom</a><a href=\"/.well-known/csaf/provider-metadata.json\">CSAF</a></nav><h1>")
            .Append(Encode(title)).Append("</h1>");
    }

    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    /// <summary>Appends <paramref name="text"/>, HTML-encoded.</summary>
    public AdminHtml Text(string? text)
    {
        _html.Append(Encode(text));
        return this;
    }

    /// <summary>Appends markup as is: only literal tags of ours, or <see cref="Bulletins.BulletinMarkdown"/> output.</summary>
    public AdminHtml Raw(string markup)
    {
        _html.Append(markup);
        return this;
    }

    /// <summary>Appends an element with encoded text content and optional (encoded) attributes.</summary>
    public AdminHtml Element(string tag, string? text, params (string Name, string? Value)[] attributes)
    {
        _html.Append('<').Append(tag);
        foreach (var (name, value) in attributes.Where(a => a.Value is not null))
        {
            _html.Append(' ').Append(name).Append("=\"").Append(Encode(value)).Append('"');
        }

        _html.Append('>').Append(Encode(text)).Append("</").Append(tag).Append('>');
        return this;
    }

    public IResult ToResult(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content(_html.Append("</body></html>").ToString(), "text/html; charset=utf-8");
    }
}
