using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.AdminPages;

/// <summary><c>GET /admin/webhooks</c>: the newest 200 webhook deliveries with their state, attempts and last error (never secrets).</summary>
public static class WebhookLogPage
{
    public static async Task<IResult> RenderAsync(HttpContext context, UpdateServerDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var deliveries = await db.WebhookDeliveries.AsNoTracking().OrderByDescending(d => d.Id).Take(200).ToListAsync(cancellationToken);
        var page = new AdminHtml("Webhook deliveries");
        page.Raw("<table id=\"deliveries\"><thead><tr><th>#</th><th>Endpoint</th><th>Event</th><th>Bulletin</th><th>Status</th><th>Attempts</th><th>Last answer</th><th>Next attempt</th></tr></thead><tbody>");
        foreach (var d in deliveries)
        {
            page.Raw("<tr>").Element("td", d.Id.ToString(CultureInfo.InvariantCulture)).Element("td", d.Endpoint).Element("td", d.Event)
                .Element("td", $"{d.BulletinId} r{d.Revision}").Element("td", d.Status, ("class", "status"))
                .Element("td", d.Attempts.ToString(CultureInfo.InvariantCulture), ("class", "attempts"))
                .Element("td", d.LastError ?? d.LastStatusCode?.ToString(CultureInfo.InvariantCulture) ?? "-")
                .Element("td", d.Status == Webhooks.WebhookDeliveryStatus.Pending ? d.NextAttemptAt.ToString("u", CultureInfo.InvariantCulture) : "-").Raw("</tr>");
        }

        page.Raw("</tbody></table>");
        return page.ToResult(context);
    }
}
