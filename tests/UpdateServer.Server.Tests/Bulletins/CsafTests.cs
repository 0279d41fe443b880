using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using NuGet.Versioning;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Bulletins;

public sealed class CsafTests : BulletinTestBase
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var twoCves = BulletinSamples.Security("ACME-2026-0005") with
        {
            Cves = ["CVE-2026-10005", "CVE-2026-10006"],
            Cvss = CvssV31.Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"),
            Severity = BulletinSeverities.Medium,
        };
        var unfixed = BulletinSamples.Security("ACME-2026-0006") with { Cves = [], FixedIn = [], Workaround = null, References = [] };
        await PublishBulletinsAsync(BulletinSamples.Security(), BulletinSamples.DatabaseBug(), BulletinSamples.UpgradeNotice(),
            BulletinSamples.Enhancement(), twoCves, unfixed);
        await PublishBulletinsAsync(BulletinSamples.NextRevision(BulletinSamples.UpgradeNotice(), "Superseded.", BulletinStatuses.Superseded, "ACME-2026-0004"),
            BulletinSamples.NextRevision(BulletinSamples.Enhancement(), "Withdrawn.", BulletinStatuses.Withdrawn));
    }

    [Fact]
    public async Task ServesProviderMetadataIndexAndChanges()
    {
        var metadata = JsonSerializer.Deserialize<JsonElement>(await Http.GetStringAsync("/.well-known/csaf/provider-metadata.json", Ct));
        var index = await Http.GetStringAsync("/.well-known/csaf/index.txt", Ct);
        var changes = await Http.GetStringAsync("/.well-known/csaf/changes.csv", Ct);

        Assert.Equal("2.0", metadata.GetProperty("metadata_version").GetString());
        Assert.Equal("csaf_provider", metadata.GetProperty("role").GetString());
        Assert.EndsWith("/.well-known/csaf/", metadata.GetProperty("distributions")[0].GetProperty("directory_url").GetString(), StringComparison.Ordinal);
        Assert.Equal(6, index.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("2026/acme-2026-0001.json\n", index, StringComparison.Ordinal);
        Assert.StartsWith("\"2026/acme-2026-0003.json\",\"2026-11-25T10:00:00Z\"", changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishesAHashBesideEveryDocument()
    {
        var document = await Http.GetByteArrayAsync("/.well-known/csaf/2026/acme-2026-0001.json", Ct);
        var hash = await Http.GetStringAsync("/.well-known/csaf/2026/acme-2026-0001.json.sha256", Ct);

        Assert.Equal($"{Convert.ToHexStringLower(SHA256.HashData(document))}  acme-2026-0001.json\n", hash);
    }

    [Fact]
    public async Task MapsSecurityBulletinsToSecurityAdvisoriesAndOthersToBase()
    {
        var security = JsonNode.Parse(await Http.GetStringAsync("/.well-known/csaf/2026/acme-2026-0005.json", Ct))!;
        var bug = JsonNode.Parse(await Http.GetStringAsync("/.well-known/csaf/2026/acme-2026-0002.json", Ct))!;

        Assert.Equal("csaf_security_advisory", (string?)security["document"]!["category"]);
        Assert.Equal(["CVE-2026-10005", "CVE-2026-10006"], security["vulnerabilities"]!.AsArray().Select(v => (string?)v!["cve"]));
        Assert.Equal(6.1, (double)security["vulnerabilities"]![0]!["scores"]![0]!["cvss_v3"]!["baseScore"]!);
        Assert.Equal("csaf_base", (string?)bug["document"]!["category"]);
        Assert.Null(bug["vulnerabilities"]);
    }

    [Fact]
    public async Task EveryDocumentPassesTheMandatoryTests()
    {
        var folder = Directory.CreateTempSubdirectory("csaf-").FullName;
        try
        {
            var files = new List<string>();
            foreach (var path in (await Http.GetStringAsync("/.well-known/csaf/index.txt", Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var file = Path.Combine(folder, Path.GetFileName(path));
                await File.WriteAllBytesAsync(file, await Http.GetByteArrayAsync($"/.well-known/csaf/{path}", Ct), Ct);
                files.Add(file);
            }

            var (exitCode, results, errors) = await CsafReferenceValidator.ValidateAsync(files, Ct);

            Assert.True(exitCode == 0, string.Join('\n', results.Select(r => r.ToString())) + errors);
            Assert.Equal(6, results.Count);
            Assert.All(results, r => Assert.True(r.GetProperty("isValid").GetBoolean(), r.ToString()));
            Assert.All(results, r => Assert.True(r.GetProperty("testsRun").GetInt32() > 40, r.ToString()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("score-not-the-vectors", "mandatoryTest_6_1_9")]
    [InlineData("undefined-product", "mandatoryTest_6_1_1")]
    [InlineData("contradicting-status", "mandatoryTest_6_1_6")]
    [InlineData("revision-history-gap", "mandatoryTest_6_1_21")]
    public async Task ABrokenDocumentIsCaught(string breakage, string failingTest)
    {
        var document = JsonNode.Parse(await Http.GetStringAsync("/.well-known/csaf/2026/acme-2026-0001.json", Ct))!;
        var vulnerability = document["vulnerabilities"]![0]!;
        switch (breakage)
        {
            case "score-not-the-vectors":
                vulnerability["scores"]![0]!["cvss_v3"]!["baseScore"] = 5.0;
                break;
            case "undefined-product":
                vulnerability["product_status"]!["known_affected"]!.AsArray().Add("CSAFPID-9999");
                break;
            case "contradicting-status":
                vulnerability["product_status"]!["fixed"]!.AsArray().Add((string?)vulnerability["product_status"]!["known_affected"]![0]);
                break;
            default:
                document["document"]!["tracking"]!["revision_history"]![0]!["number"] = "2";
                document["document"]!["tracking"]!["version"] = "2";
                break;
        }

        var file = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document.ToJsonString(), Ct);
        try
        {
            var (exitCode, results, _) = await CsafReferenceValidator.ValidateAsync([file], Ct);

            Assert.Equal(1, exitCode);
            var result = Assert.Single(results);
            Assert.False(result.GetProperty("isValid").GetBoolean());
            Assert.Contains(result.GetProperty("failures").EnumerateArray(), f => f.GetProperty("test").GetString() == failingTest);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("2026/acme-2026-0999.json")]
    [InlineData("2025/acme-2026-0001.json")]
    [InlineData("2025/acme-2026-0001.json.sha256")]
    [InlineData("2026/acme-2026-0001.txt")]
    [InlineData("2026/ACME-2026-0001.json.json")]
    [InlineData("2026/ACME-2026-0001.json")]
    [InlineData("2026/not-a-bulletin.json")]
    [InlineData("2026/.json")]
    public async Task AnswersAnUnknownDocumentWithNotFound(string path)
    {
        using var response = await Http.GetAsync($"/.well-known/csaf/{path}", Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task ServesTheNewRevisionOnceItIsPublished()
    {
        var before = JsonNode.Parse(await Http.GetStringAsync("/.well-known/csaf/2026/acme-2026-0001.json", Ct))!;
        await PublishBulletinsAsync(BulletinSamples.NextRevision(BulletinSamples.Security(), "Fixed-in release named."));

        var after = JsonNode.Parse(await Http.GetStringAsync("/.well-known/csaf/2026/acme-2026-0001.json", Ct))!;
        var hash = await Http.GetStringAsync("/.well-known/csaf/2026/acme-2026-0001.json.sha256", Ct);
        var bytes = await Http.GetByteArrayAsync("/.well-known/csaf/2026/acme-2026-0001.json", Ct);

        Assert.Equal("1", (string?)before["document"]!["tracking"]!["version"]);
        Assert.Equal("2", (string?)after["document"]!["tracking"]!["version"]);
        Assert.Equal($"{Convert.ToHexStringLower(SHA256.HashData(bytes))}  acme-2026-0001.json\n", hash);
    }

    [Fact]
    public void ExpressesVersionRangesAsVers() =>
        Assert.Equal("vers:semver/>=1.0.0|<2.1.0", UpdateServer.Server.Bulletins.Csaf.CsafProductTree.Vers(VersionRange.Parse("[1.0.0, 2.1.0)"), "semver"));
}
