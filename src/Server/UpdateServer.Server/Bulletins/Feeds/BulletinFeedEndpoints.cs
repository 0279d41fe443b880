using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Bulletins.Feeds;

/// <summary>
/// <c>GET /feeds/bulletins.atom</c>: the newest bulletins (at most <c>Bulletins:MaxPageSize</c>) as an Atom 1.0 feed,
/// filtered by <c>product</c>, <c>type</c>, <c>minSeverity</c>, <c>status</c> and <c>device</c> (see <see cref="BulletinFilter"/>).
/// </summary>
public static class BulletinFeedEndpoints
{
    public static IEndpointRouteBuilder MapBulletinFeed(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/feeds/bulletins.atom", GetFeedAsync)
            .WithName("BulletinFeed")
            .WithTags("Bulletins")
            .WithSummary("Atom feed of bulletins, filterable by product, type, minimum severity, status and device")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    private static async Task<IResult> GetFeedAsync(HttpRequest request, UpdateServerDbContext db, IOptions<BulletinOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var filter = BulletinFilter.FromQuery(request.Query);
        var bulletins = await filter.Apply(db.Bulletins.AsNoTracking()).Include(b => b.AffectedProducts)
            .OrderByDescending(b => b.CurrentReleaseDate).ThenBy(b => b.Id).Take(options.Value.MaxPageSize).ToListAsync(cancellationToken);
        var baseUrl = PublicBaseUrl.Of(request, options.Value);
        var feed = new SyndicationFeed($"{options.Value.PublisherName} bulletins", "Bug, security and upgrade notices",
            new Uri($"{baseUrl}/admin/bulletins"), $"{baseUrl}/feeds/bulletins.atom", bulletins.FirstOrDefault()?.CurrentReleaseDate ?? time.GetUtcNow())
        {
            Items = bulletins.Select(b => Entry(b, baseUrl)).ToList(),
        };
        feed.Links.Add(new SyndicationLink(new Uri($"{baseUrl}{request.Path}{request.QueryString}"), "self", null, "application/atom+xml", 0));

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return TypedResults.File(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    }

    private static SyndicationItem Entry(BulletinRecord bulletin, string baseUrl)
    {
        var item = new SyndicationItem
        {
            Id = $"urn:updateserver:bulletin:{bulletin.Id}",
            Title = new TextSyndicationContent($"{bulletin.Id} ({bulletin.Severity} {bulletin.Type}): {bulletin.Title}"),
            Summary = new TextSyndicationContent(bulletin.Summary),
            LastUpdatedTime = bulletin.CurrentReleaseDate,
            PublishDate = bulletin.InitialReleaseDate,
        };
        item.Authors.Add(new SyndicationPerson { Name = bulletin.Vendor });
        item.Links.Add(new SyndicationLink(new Uri($"{baseUrl}/admin/bulletins/{bulletin.Id}"), "alternate", bulletin.Title, "text/html", 0));
        item.Links.Add(new SyndicationLink(new Uri($"{baseUrl}{Csaf.CsafPaths.DocumentPath(bulletin)}"), "related", "CSAF 2.0", "application/json", 0));
        item.Categories.Add(new SyndicationCategory(bulletin.Type, "urn:updateserver:bulletin:type", null));
        item.Categories.Add(new SyndicationCategory(bulletin.Severity, "urn:updateserver:bulletin:severity", null));
        item.Categories.Add(new SyndicationCategory(bulletin.Status, "urn:updateserver:bulletin:status", null));
        foreach (var product in bulletin.AffectedProducts.Select(p => p.Product).Distinct(StringComparer.Ordinal))
        {
            item.Categories.Add(new SyndicationCategory(product, "urn:updateserver:bulletin:product", null));
        }

        return item;
    }
}
