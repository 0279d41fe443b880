using System.Text;
using System.Text.Json.Nodes;
using UpdateServer.Packaging.Bulletins;

namespace UpdateServer.Packaging.Tests.Bulletins;

public sealed class BulletinJsonTests
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static Bulletin Security() => new()
    {
        Id = "ACME-2026-0001",
        Revision = 1,
        Type = BulletinTypes.Security,
        Severity = BulletinSeverities.Critical,
        Cvss = CvssV31.Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
        Title = "Remote code execution",
        Summary = "A crafted request runs code.",
        Details = "# Details\n<script>alert(1)</script>",
        Affected = [new AffectedProduct("acme.culture-platform", NuGet.Versioning.VersionRange.Parse("[1.0.0, 2.1.0)"), false)],
        FixedIn = [new FixedRelease("acme.culture-platform", NuGet.Versioning.NuGetVersion.Parse("2.1.0"))],
        Cves = ["CVE-2026-10001"],
        References = [new BulletinReference(new Uri("https://example.org/a"), "Advisory")],
        Revisions = [new BulletinRevision(1, Issued, "Initial release.")],
    };

    [Fact]
    public void WritesAndReadsBackTheSameBulletin()
    {
        var bytes = BulletinJson.Write(Security());

        var read = BulletinJson.Read(bytes);

        Assert.Equal("ACME-2026-0001", read.Id);
        Assert.Equal(9.8m, read.Cvss!.BaseScore);
        Assert.Equal("[1.0.0, 2.1.0)", Assert.Single(read.Affected).VersionsText);
        Assert.Equal(Issued, read.InitialReleaseDate);
        Assert.Equal("acme", read.Vendor);
        Assert.Equal(bytes, BulletinJson.Write(read));
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "unknown field", "title", "{\"title\":\"x\",\"colour\":\"red\"}" },
        { "score not the vector's", "cvss", "{\"vector\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"score\":7.5}" },
        { "severity not the rating", "severity", "\"high\"" },
        { "invalid range", "affected", "[{\"product\":\"acme.culture-platform\",\"versions\":\"[2.0.0, 1.0.0]x\"}]" },
        { "product and component", "affected", "[{\"product\":\"acme.culture-platform\",\"component\":\"os.debian\",\"versions\":\"[1.0.0, )\"}]" },
        { "nothing affected", "affected", "[]" },
        { "bad CVE", "cves", "[\"CVE-26-1\"]" },
        { "CVE twice", "cves", "[\"CVE-2026-10001\",\"CVE-2026-10001\"]" },
        { "javascript reference", "references", "[{\"url\":\"javascript:alert(1)\",\"summary\":\"x\"}]" },
        { "history gap", "revisions", "[{\"number\":2,\"date\":\"2026-11-24T10:00:00Z\",\"summary\":\"x\"}]" },
        { "local date", "revisions", "[{\"number\":1,\"date\":\"2026-11-24T10:00:00+01:00\",\"summary\":\"x\"}]" },
        { "bad id", "id", "\"acme-2026-1\"" },
        { "superseded without successor", "status", "\"superseded\"" },
        { "title over two lines", "title", "\"one\\ntwo\"" },
        { "revision beyond history", "revision", "3" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void RefusesABrokenField(string why, string field, string json)
    {
        var document = JsonNode.Parse(BulletinJson.Write(Security()))!.AsObject();
        document[field] = JsonNode.Parse(json);

        var e = Assert.Throws<BulletinFormatException>(() => BulletinJson.Read(Encoding.UTF8.GetBytes(document.ToJsonString())));

        Assert.False(string.IsNullOrEmpty(e.Message), why);
    }

    [Fact]
    public void RefusesDuplicateKeys()
    {
        var text = Encoding.UTF8.GetString(BulletinJson.Write(Security())).Replace("\"title\":", "\"title\": \"first\", \"title\":", StringComparison.Ordinal);

        Assert.Throws<BulletinFormatException>(() => BulletinJson.Read(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void RefusesADocumentOverTheSizeCap()
    {
        var huge = Security() with { Details = new string('x', 60_000) };
        var text = Encoding.UTF8.GetString(BulletinJson.Write(huge));
        var padded = text.Replace("\"summary\": \"A crafted", "\"summary\": \"" + new string(' ', BulletinJson.MaxDocumentBytes) + "A crafted", StringComparison.Ordinal);

        var e = Assert.Throws<BulletinFormatException>(() => BulletinJson.Read(Encoding.UTF8.GetBytes(padded)));

        Assert.Contains("at most", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesCvssOnANonSecurityBulletin() =>
        Assert.Throws<BulletinFormatException>(() => BulletinJson.Write(Security() with { Type = BulletinTypes.Bugfix }));
}
