using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Server.Bulletins;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.AdminPages;

/// <summary><c>GET /admin/bulletins</c>: the newest bulletins, filtered by type, minimum severity, status, product and a search text.</summary>
public static class BulletinListPage
{
    public static async Task<IResult> RenderAsync(HttpContext context, UpdateServerDbContext db, IOptions<BulletinOptions> options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var filter = BulletinFilter.FromQuery(context.Request.Query);
        var bulletins = await filter.Apply(db.Bulletins.AsNoTracking())
            .OrderByDescending(b => b.CurrentReleaseDate).ThenBy(b => b.Id).Take(options.Value.MaxPageSize).ToListAsync(cancellationToken);

        var page = new AdminHtml("Bulletins");
        page.Raw("<form class=\"filters\" method=\"get\" action=\"/admin/bulletins\">");
        page.Raw("<label>Search <input type=\"search\" name=\"q\" value=\"").Text(filter.Search).Raw("\"></label>");
        Select(page, "type", "Type", BulletinTypes.All, filter.Type);
        Select(page, "minSeverity", "Minimum severity", BulletinSeverities.All, filter.MinSeverity);
        Select(page, "status", "Status", BulletinStatuses.All, filter.Status);
        page.Raw("<label>Product <input name=\"product\" value=\"").Text(filter.Product).Raw("\"></label>");
        page.Raw("<button type=\"submit\">Filter</button></form>");
        page.Element("p", $"{bulletins.Count} bulletin(s)", ("id", "result-count"));
        page.Raw("<table id=\"bulletins\"><thead><tr><th>Id</th><th>Type</th><th>Severity</th><th>Title</th><th>Status</th><th>Updated</th><th>Affected machines</th></tr></thead><tbody>");
        foreach (var b in bulletins)
        {
            page.Raw("<tr data-id=\"").Text(b.Id).Raw("\"><td>").Element("a", b.Id, ("href", $"/admin/bulletins/{b.Id}")).Raw("</td>")
                .Element("td", b.Type).Element("td", b.Severity, ("class", $"sev-{b.Severity}")).Element("td", b.Title).Element("td", b.Status)
                .Element("td", b.CurrentReleaseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Element("td", b.AffectedMachines.ToString(CultureInfo.InvariantCulture), ("class", "affected-machines")).Raw("</tr>");
        }

        page.Raw("</tbody></table>");
        return page.ToResult(context);
    }

    private static void Select(AdminHtml page, string name, string label, IReadOnlyList<string> values, string? selected)
    {
        page.Raw($"<label>{label} <select name=\"{name}\"><option value=\"\">any</option>");
        foreach (var value in values)
        {
            page.Element("option", value, ("value", value), ("selected", value == selected ? "selected" : null));
        }

        page.Raw("</select></label>");
    }
}
