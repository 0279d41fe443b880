using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Bulletins;

public sealed class BulletinFeedTests : BulletinTestBase
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await PublishBulletinsAsync(BulletinSamples.Security(), BulletinSamples.DatabaseBug(), BulletinSamples.UpgradeNotice());
    }

    [Theory]
    [InlineData("", "ACME-2026-0001,ACME-2026-0002,ACME-2026-0003")]
    [InlineData("?product=postgres.server", "ACME-2026-0002")]
    [InlineData("?type=notice", "ACME-2026-0003")]
    [InlineData("?minSeverity=medium", "ACME-2026-0001,ACME-2026-0002")]
    [InlineData("?minSeverity=critical&product=acme.culture-platform", "ACME-2026-0001")]
    [InlineData("?type=enhancement", "")]
    public async Task FiltersTheFeed(string query, string expected)
    {
        var feed = await FeedAsync(query);

        Assert.Equal(expected, string.Join(',', feed.Items.Select(i => i.Id["urn:updateserver:bulletin:".Length..]).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task DescribesEachBulletinWithLinksAndCategories()
    {
        var feed = await FeedAsync("?type=security");

        var entry = Assert.Single(feed.Items);
        Assert.StartsWith("ACME-2026-0001 (critical security)", entry.Title.Text, StringComparison.Ordinal);
        Assert.Contains(entry.Links, l => l.RelationshipType == "alternate" && l.Uri.AbsolutePath == "/admin/bulletins/ACME-2026-0001");
        Assert.Contains(entry.Links, l => l.RelationshipType == "related" && l.Uri.AbsolutePath == "/.well-known/csaf/2026/acme-2026-0001.json");
        Assert.Contains(entry.Categories, c => c.Name == "acme.culture-platform");
        Assert.Equal(BulletinSamples.Issued, entry.LastUpdatedTime);
    }

    [Theory]
    [InlineData("?minSeverity=severe")]
    [InlineData("?type=bug")]
    [InlineData("?product=Not A Product")]
    [InlineData("?device=a%20b")]
    public async Task RefusesUnknownFilterValues(string query)
    {
        using var response = await Http.GetAsync("/feeds/bulletins.atom" + query, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
    }

    private async Task<SyndicationFeed> FeedAsync(string query)
    {
        using var response = await Http.GetAsync("/feeds/bulletins.atom" + query, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync(Ct));
        return SyndicationFeed.Load(reader);
    }
}
