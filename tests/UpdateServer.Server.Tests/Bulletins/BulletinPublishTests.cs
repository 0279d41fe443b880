using System.Net;
using System.Text;
using NuGet.Versioning;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Packaging.Trust;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Bulletins;

public sealed class BulletinPublishTests : BulletinTestBase
{
    [Fact]
    public async Task IndexesAPublishedBulletinAndServesItsSignedTarget()
    {
        var bulletin = BulletinSamples.Security();
        await PublishBulletinsAsync(bulletin);

        var indexed = await ODataAsync("/odata/Bulletins('ACME-2026-0001')");
        var target = await Http.GetByteArrayAsync("/tuf/targets/acme/ACME-2026-0001.r1.bulletin.json", Ct);
        var vendor = Metadata.FromBytes<TargetsMetadata>(await Http.GetByteArrayAsync("/tuf/metadata/acme.json", Ct));

        Assert.Equal("critical", indexed.GetProperty("severity").GetString());
        Assert.Equal(9.8, indexed.GetProperty("cvssScore").GetDouble());
        Assert.Equal(BulletinJson.Write(bulletin), target);
        Assert.Equal(new BulletinFacts("ACME-2026-0001", 1), BulletinFacts.FromCustom(vendor.Signed.Targets["acme/ACME-2026-0001.r1.bulletin.json"].Custom));
    }

    [Fact]
    public async Task KeepsEveryRevisionAndIndexesTheNewest()
    {
        var first = BulletinSamples.Security();
        await PublishBulletinsAsync(first);
        await PublishBulletinsAsync(BulletinSamples.NextRevision(first, "Withdrawn: not exploitable.", BulletinStatuses.Withdrawn));

        var indexed = await ODataAsync("/odata/Bulletins('ACME-2026-0001')");
        using var firstRevision = await Http.GetAsync("/tuf/targets/acme/ACME-2026-0001.r1.bulletin.json", Ct);

        Assert.Equal(2, indexed.GetProperty("revision").GetInt32());
        Assert.Equal("withdrawn", indexed.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, firstRevision.StatusCode);
    }

    [Fact]
    public async Task IndexesTwoRevisionsOfANewBulletinPublishedTogether()
    {
        var first = BulletinSamples.Security();

        await PublishBulletinsAsync(first, BulletinSamples.NextRevision(first, "Withdrawn: not exploitable.", BulletinStatuses.Withdrawn));

        var indexed = await ODataAsync("/odata/Bulletins('ACME-2026-0001')");
        Assert.Equal(2, indexed.GetProperty("revision").GetInt32());
        Assert.Equal("withdrawn", indexed.GetProperty("status").GetString());
        using var firstRevision = await Http.GetAsync("/tuf/targets/acme/ACME-2026-0001.r1.bulletin.json", Ct);
        Assert.Equal(HttpStatusCode.OK, firstRevision.StatusCode);
    }

    public static TheoryData<string, HttpStatusCode, string> Refusals => new()
    {
        { "invalid-range", HttpStatusCode.UnprocessableEntity, ProblemTypes.BulletinInvalid },
        { "unknown-product", HttpStatusCode.UnprocessableEntity, ProblemTypes.BulletinInvalid },
        { "unknown-fixed-product", HttpStatusCode.UnprocessableEntity, ProblemTypes.BulletinInvalid },
        { "own-product-as-component", HttpStatusCode.UnprocessableEntity, ProblemTypes.BulletinInvalid },
        { "unknown-successor", HttpStatusCode.UnprocessableEntity, ProblemTypes.BulletinInvalid },
        { "malformed-json", HttpStatusCode.UnprocessableEntity, ProblemTypes.BulletinInvalid },
        { "facts-disagree", HttpStatusCode.UnprocessableEntity, ProblemTypes.BulletinInvalid },
        { "wrong-path", HttpStatusCode.UnprocessableEntity, ProblemTypes.BulletinInvalid },
        { "other-vendor-id", HttpStatusCode.Forbidden, ProblemTypes.PathOutsideNamespace },
        { "duplicate-id", HttpStatusCode.Conflict, ProblemTypes.TargetImmutable },
        { "lower-revision", HttpStatusCode.Conflict, ProblemTypes.TargetImmutable },
        { "skipped-revision", HttpStatusCode.Conflict, ProblemTypes.BulletinRevisionConflict },
        { "first-revision-not-1", HttpStatusCode.Conflict, ProblemTypes.BulletinRevisionConflict },
        { "huge", HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge },
        { "removed-revision", HttpStatusCode.UnprocessableEntity, ProblemTypes.BulletinInvalid },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task RefusesABadBulletinAndStoresNothing(string scenario, HttpStatusCode status, string type)
    {
        var published = BulletinSamples.Security();
        var second = BulletinSamples.NextRevision(published, "More details.");
        await PublishBulletinsAsync(published);
        await PublishBulletinsAsync(second);
        var before = (await ODataAsync("/odata/Bulletins?$count=true&$expand=affectedProducts")).ToString();
        var vendorBefore = await Http.GetStringAsync("/tuf/metadata/acme.json", Ct);

        using var response = await TryPublishAsync(p => Add(p, scenario, second));

        await ProblemAssert.IsProblemAsync(response, status, type);
        Assert.Equal(before, (await ODataAsync("/odata/Bulletins?$count=true&$expand=affectedProducts")).ToString());
        Assert.Equal(vendorBefore, await Http.GetStringAsync("/tuf/metadata/acme.json", Ct));
    }

    private static void Add(Publication publication, string scenario, Bulletin published)
    {
        var fresh = BulletinSamples.DatabaseBug("ACME-2026-0042");
        void Raw(Bulletin bulletin, Func<string, string> edit) =>
            publication.AddBulletin(new BulletinFacts(bulletin.Id, bulletin.Revision),
                Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(BulletinJson.Write(bulletin)))));

        switch (scenario)
        {
            case "invalid-range":
                Raw(fresh, text => text.Replace("[15.0.0, 15.6.0)", "[15.6, 15.0]]", StringComparison.Ordinal));
                break;
            case "unknown-product":
                publication.AddBulletin(fresh with { Affected = [new AffectedProduct("acme.no-such-product", VersionRange.Parse("[1.0.0, )"), false)] });
                break;
            case "unknown-fixed-product":
                publication.AddBulletin(fresh with { FixedIn = [new FixedRelease("acme.no-such-product", NuGetVersion.Parse("1.0.0"))] });
                break;
            case "own-product-as-component":
                publication.AddBulletin(fresh with { Affected = [new AffectedProduct(BulletinSamples.Platform, VersionRange.Parse("[1.0.0, )"), true)] });
                break;
            case "unknown-successor":
                publication.AddBulletin(fresh with { Status = BulletinStatuses.Superseded, SupersededBy = "ACME-2026-0999" });
                break;
            case "malformed-json":
                publication.AddBulletin(new BulletinFacts(fresh.Id, 1), "{\"id\": \"ACME-2026-0042\","u8.ToArray());
                break;
            case "facts-disagree":
                publication.AddBulletin(new BulletinFacts("ACME-2026-0043", 1), BulletinJson.Write(fresh), "acme/ACME-2026-0043.r1.bulletin.json");
                break;
            case "wrong-path":
                publication.AddBulletin(new BulletinFacts(fresh.Id, 1), BulletinJson.Write(fresh), "acme/notice.json");
                break;
            case "other-vendor-id":
                publication.AddBulletin(fresh with { Id = "GLOBEX-2026-0001" });
                break;
            case "duplicate-id":
                publication.AddBulletin(BulletinSamples.UpgradeNotice(published.Id));
                break;
            case "lower-revision":
                publication.AddBulletin(BulletinSamples.NextRevision(BulletinSamples.Security() with { Title = "Another first revision" }, "x") with { Revision = 1, Revisions = [new BulletinRevision(1, BulletinSamples.Issued, "x")] });
                break;
            case "skipped-revision":
                publication.AddBulletin(BulletinSamples.NextRevision(BulletinSamples.NextRevision(published, "3"), "4"));
                break;
            case "first-revision-not-1":
                publication.AddBulletin(BulletinSamples.NextRevision(fresh, "2"));
                break;
            case "huge":
                Raw(fresh, text => text.Replace("\"details\": \"\"", "\"details\": \"" + new string('x', BulletinJson.MaxDocumentBytes) + "\"", StringComparison.Ordinal));
                break;
            case "removed-revision":
                publication.RemoveTarget("acme/ACME-2026-0001.r1.bulletin.json");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario);
        }
    }
}
