using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Server.Bulletins;
using UpdateServer.Server.Bulletins.Csaf;
using UpdateServer.Server.Data;
using UpdateServer.Server.Problems;

namespace UpdateServer.Server.AdminPages;

/// <summary>
/// <c>GET /admin/bulletins/{id}</c>: one bulletin's current revision — facts, the number of affected machines,
/// affected products, fixed-in releases, details (sanitized Markdown), workaround, CVEs, references and history.
/// </summary>
public static class BulletinDetailPage
{
    public static async Task<IResult> RenderAsync(string id, HttpContext context, UpdateServerDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var record = await db.Bulletins.AsNoTracking().Include(b => b.FixedReleases).SingleOrDefaultAsync(b => b.Id == id, cancellationToken)
            ?? throw new ProblemException(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "No such bulletin", $"There is no bulletin {id}.");
        var bulletin = await BulletinDocuments.CurrentAsync(db, record, cancellationToken);

        var page = new AdminHtml($"{bulletin.Id}: {bulletin.Title}");
        page.Raw("<dl>");
        Fact(page, "Type", bulletin.Type, "type");
        Fact(page, "Severity", bulletin.Severity + (bulletin.Cvss is { } cvss ? $" (CVSS {cvss.BaseScore.ToString("0.0", CultureInfo.InvariantCulture)}, {cvss.Vector})" : string.Empty), "severity");
        Fact(page, "Status", bulletin.Status + (bulletin.SupersededBy is { } by ? $" by {by}" : string.Empty), "status");
        Fact(page, "Affected machines", record.AffectedMachines.ToString(CultureInfo.InvariantCulture), "affected-machines");
        Fact(page, "Revision", $"{bulletin.Revision} of {BulletinJson.FormatDate(bulletin.CurrentReleaseDate)} (first issued {BulletinJson.FormatDate(bulletin.InitialReleaseDate)})", "revision");
        Fact(page, "CVEs", bulletin.Cves.Count == 0 ? "none" : string.Join(", ", bulletin.Cves), "cves");
        page.Raw("</dl>").Element("p", bulletin.Summary, ("id", "summary"));

        page.Raw("<h2>Affected products</h2><table id=\"affected-products\"><thead><tr><th>Product</th><th>Kind</th><th>Versions</th></tr></thead><tbody>");
        foreach (var affected in bulletin.Affected)
        {
            page.Raw("<tr>").Element("td", affected.Product).Element("td", affected.IsComponent ? "component" : "product").Element("td", affected.VersionsText).Raw("</tr>");
        }

        page.Raw("</tbody></table><h2>Fixed in</h2><table id=\"fixed-releases\"><thead><tr><th>Product</th><th>Version</th><th>Package</th></tr></thead><tbody>");
        foreach (var fix in record.FixedReleases)
        {
            page.Raw("<tr>").Element("td", fix.Product).Element("td", fix.Version).Element("td", fix.TargetPath ?? "not published here").Raw("</tr>");
        }

        page.Raw("</tbody></table><h2>Details</h2><div class=\"markdown\" id=\"details\">").Raw(BulletinMarkdown.ToHtml(bulletin.Details)).Raw("</div>");
        if (bulletin.Workaround is { } workaround)
        {
            page.Raw("<h2>Workaround</h2><div class=\"markdown\" id=\"workaround\">").Raw(BulletinMarkdown.ToHtml(workaround)).Raw("</div>");
        }

        page.Raw("<h2>References</h2><ul>");
        foreach (var reference in bulletin.References)
        {
            page.Raw("<li>").Element("a", reference.Summary, ("href", reference.Url.AbsoluteUri), ("rel", "noreferrer")).Raw("</li>");
        }

        page.Raw("<li>").Element("a", "CSAF 2.0 document", ("href", CsafPaths.DocumentPath(record))).Raw("</li></ul><h2>Revision history</h2><ol id=\"revisions\">");
        foreach (var revision in bulletin.Revisions)
        {
            page.Element("li", $"{BulletinJson.FormatDate(revision.Date)}: {revision.Summary}");
        }

        page.Raw("</ol>");
        return page.ToResult(context);
    }

    private static void Fact(AdminHtml page, string name, string value, string id) =>
        page.Element("dt", name).Element("dd", value, ("id", id));
}
