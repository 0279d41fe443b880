using NuGet.Versioning;
using UpdateServer.Packaging.Bulletins;

namespace UpdateServer.Packaging.Tests.Bulletins;

public sealed class BulletinMatcherTests
{
    private static readonly Bulletin Bulletin = new()
    {
        Id = "ACME-2026-0001",
        Revision = 1,
        Type = BulletinTypes.Bugfix,
        Severity = BulletinSeverities.High,
        Title = "t",
        Summary = "s",
        Affected =
        [
            new AffectedProduct("acme.culture-platform", VersionRange.Parse("[1.0.0, 2.1.0)"), false),
            new AffectedProduct("postgres.server", VersionRange.Parse("[15.0, 15.6)"), true),
        ],
        FixedIn = [new FixedRelease("acme.culture-platform", NuGetVersion.Parse("2.1.0")), new FixedRelease("postgres.server", NuGetVersion.Parse("15.6"))],
        Revisions = [new BulletinRevision(1, DateTimeOffset.UnixEpoch, "x")],
    };

    [Theory]
    [InlineData("2.0.0", null, "affected")]
    [InlineData("1.0.0", "16.1", "affected")]
    [InlineData("2.1.0", "15.4", "affected")]
    [InlineData("2.1.0", null, "fixed")]
    [InlineData("3.0.0", "15.6", "fixed")]
    [InlineData("0.9.0", null, null)]
    [InlineData(null, "14.2", null)]
    [InlineData(null, null, null)]
    public void DecidesFromInstalledProductsAndComponents(string? platform, string? postgres, string? expected)
    {
        var products = platform is null ? new Dictionary<string, NuGetVersion>() : new() { ["acme.culture-platform"] = NuGetVersion.Parse(platform) };
        var components = postgres is null ? new Dictionary<string, NuGetVersion>() : new() { ["postgres.server"] = NuGetVersion.Parse(postgres) };

        Assert.Equal(expected, BulletinMatcher.Evaluate(Bulletin, products, components)?.Status);
    }

    [Theory]
    [InlineData(BulletinStatuses.Withdrawn)]
    [InlineData(BulletinStatuses.Superseded)]
    public void InactiveBulletinsConcernNobody(string status)
    {
        var inactive = Bulletin with { Status = status, SupersededBy = status == BulletinStatuses.Superseded ? "ACME-2026-0009" : null };

        Assert.Null(BulletinMatcher.Evaluate(inactive, new Dictionary<string, NuGetVersion> { ["acme.culture-platform"] = NuGetVersion.Parse("2.0.0") },
            new Dictionary<string, NuGetVersion>()));
    }

    [Fact]
    public void SaysWhichInstalledVersionIsAffected()
    {
        var exposure = BulletinMatcher.Evaluate(Bulletin, new Dictionary<string, NuGetVersion>(),
            new Dictionary<string, NuGetVersion> { ["postgres.server"] = NuGetVersion.Parse("15.4") });

        Assert.Equal("postgres.server 15.4.0 in [15.0.0, 15.6.0)", Assert.Single(exposure!.Evidence));
    }
}
