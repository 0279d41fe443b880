using System.Net;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Bulletins;

public sealed class BulletinODataTests : BulletinTestBase
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await PublishBulletinsAsync(BulletinSamples.Security(), BulletinSamples.DatabaseBug(), BulletinSamples.UpgradeNotice(), BulletinSamples.Enhancement());
    }

    [Theory]
    [InlineData("type eq 'security'", "ACME-2026-0001")]
    [InlineData("severityRank ge 2", "ACME-2026-0001,ACME-2026-0002")]
    [InlineData("severity eq 'low'", "ACME-2026-0003")]
    [InlineData("affectedProducts/any(p: p/product eq 'postgres.server')", "ACME-2026-0002")]
    [InlineData("affectedProducts/any(p: p/product eq 'acme.culture-platform' and p/isComponent eq false)", "ACME-2026-0001,ACME-2026-0003,ACME-2026-0004")]
    [InlineData("cves/any(c: c eq 'CVE-2026-10001')", "ACME-2026-0001")]
    [InlineData("status eq 'active' and currentReleaseDate ge 2026-11-24T00:00:00Z", "ACME-2026-0001,ACME-2026-0002,ACME-2026-0003,ACME-2026-0004")]
    [InlineData("currentReleaseDate lt 2026-11-01T00:00:00Z", "")]
    [InlineData("contains(title, 'PostgreSQL')", "ACME-2026-0002")]
    public async Task FiltersBulletins(string filter, string expected)
    {
        var answer = await ODataAsync($"/odata/Bulletins?$filter={Uri.EscapeDataString(filter)}&$orderby=id");

        Assert.Equal(expected, string.Join(',', Ids(answer)));
    }

    [Fact]
    public async Task OrdersPagesAndCounts()
    {
        var answer = await ODataAsync("/odata/Bulletins?$orderby=severityRank desc,id&$top=2&$skip=1&$count=true");

        Assert.Equal(4, answer.GetProperty("@odata.count").GetInt32());
        Assert.Equal(["ACME-2026-0002", "ACME-2026-0003"], Ids(answer));
    }

    [Fact]
    public async Task ExpandsAffectedProductsAndFixedReleases()
    {
        var answer = await ODataAsync("/odata/Bulletins?$filter=id eq 'ACME-2026-0001'&$expand=affectedProducts,fixedReleases&$select=id,title");

        var bulletin = Assert.Single(answer.GetProperty("value").EnumerateArray());
        var affected = Assert.Single(bulletin.GetProperty("affectedProducts").EnumerateArray());
        var fixedIn = Assert.Single(bulletin.GetProperty("fixedReleases").EnumerateArray());
        Assert.Equal("[1.0.0, 2.1.0)", affected.GetProperty("versions").GetString());
        Assert.Equal("acme/acme.culture-platform-2.1.0.upkg", fixedIn.GetProperty("targetPath").GetString());
        Assert.False(bulletin.TryGetProperty("summary", out _));
    }

    [Fact]
    public async Task PagesLongResultsAtTheServerMaximum()
    {
        await using var server = new UpdateServerFactory(new Dictionary<string, string> { ["Bulletins:MaxPageSize"] = "2" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await http.GetAsync("/odata/Bulletins?$top=3", Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidQuery);
    }

    [Theory]
    [InlineData("/odata/Bulletins?$top=1000000")]
    [InlineData("/odata/Bulletins?$top=-1")]
    [InlineData("/odata/Bulletins?$filter=colour eq 'red'")]
    [InlineData("/odata/Bulletins?$filter=type eq")]
    [InlineData("/odata/Bulletins?$filter=type eq 'security' or (")]
    [InlineData("/odata/Bulletins?$orderby=nothing")]
    [InlineData("/odata/Bulletins?$expand=nothing")]
    [InlineData("/odata/Bulletins?$select=id,nothing")]
    [InlineData("/odata/Bulletins?$expand=affectedProducts($expand=nothing)")]
    [InlineData("/odata/Bulletins?$apply=groupby((type))")]
    [InlineData("/odata/Bulletins?$skip=abc")]
    public async Task RefusesQueriesItCannotAnswerWithAClearProblem(string query)
    {
        using var response = await Http.GetAsync(query, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidQuery);
    }

    [Fact]
    public async Task AnswersAnUnknownBulletinWithNotFound()
    {
        using var response = await Http.GetAsync("/odata/Bulletins('ACME-2026-9999')", Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }
}
