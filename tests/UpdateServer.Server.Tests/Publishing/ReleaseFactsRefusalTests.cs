using System.Net;
using System.Text.Json.Nodes;
using NuGet.Versioning;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Versions;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Publishing;

/// <summary>
/// Signed facts the catalog could not use, and packages whose manifest says otherwise than their signed facts: refused
/// with release-facts-invalid naming the fact, and nothing changes (metadata, snapshot, releases, history).
/// </summary>
public sealed class ReleaseFactsRefusalTests : CatalogTestBase
{
    public static TheoryData<string, string> InvalidFacts => new()
    {
        { """{"requires": [{"product": "acme.runtime", "versions": "[2.0,1.0)"}]}""", "requires" },
        { """{"requires": [{"product": "acme.runtime", "versions": "abc"}]}""", "requires" },
        { """{"requires": [{"product": "acme.runtime"}]}""", "requires" },
        { """{"requires": [{"product": "Not An Id", "versions": "[1.0,)"}]}""", "requires" },
        { """{"requires": {"product": "acme.runtime", "versions": "[1.0,)"}}""", "requires" },
        { """{"installableFrom": "not-a-range"}""", "installableFrom" },
        { """{"installableFrom": "[2.0.0,1.0.0]"}""", "installableFrom" },
        { """{"installableFrom": 2}""", "installableFrom" },
        { """{"hardwareIds": ["not a hardware id"]}""", "hardwareIds" },
        { """{"hardwareIds": ["pci:v00008086\u0000"]}""", "hardwareIds" },
        { """{"hardwareIds": ["PCI\\VEN_8086 DEV_1533"]}""", "hardwareIds" },
        { """{"hardwareIds": "pci:v00008086*"}""", "hardwareIds" },
        { """{"hardwareIds": [42]}""", "hardwareIds" },
        { """{"hardwareIds": ["pci:*"]}""", "a PCI pattern names vendor and device" },
        { """{"hardwareIds": ["pci:v00008086*"]}""", "a PCI pattern names vendor and device" },
        { """{"hardwareIds": ["usb:v046D*"]}""", "a USB pattern names vendor and product" },
        { """{"hardwareIds": ["acpi:*"]}""", "at least 12 characters before any wildcard" },
        { """{"hardwareIds": ["pci:v00008086d00001533sv*sd*bc*sc*i*a*b*c*d*"]}""", "at most 8 wildcards" },
        { """{"hardwareIds": ["PCI\\VEN_8086&DEV_*"]}""", "without wildcards" },
        { """{"supersedes": ["Not An Id"]}""", "supersedes" },
        { """{"upgrades": {"product": "acme.culture-platform", "from": "[1.0,2.0)", "to": "2.0.0"}}""", "upgrades" },
        { """{"state": "released"}""", "state" },
        { """{"stateReason": ""}""", "stateReason" },
        { """{"channel": "Beta!"}""", "channel" },
    };

    [Theory]
    [MemberData(nameof(InvalidFacts))]
    public async Task RefusesInvalidSignedFactsNamingTheFactAndChangesNothing(string customEdits, string fact)
    {
        var first = await PublishReleasesAsync(Facts(Platform, "1.0.0"));
        var before = await SnapshotAsync();
        var next = NextVersion(first);
        var facts = Facts(Platform, "1.1.0");
        var custom = facts.ToCustom();
        foreach (var (name, value) in JsonNode.Parse(customEdits)!.AsObject())
        {
            custom[name] = value?.DeepClone();
        }

        await next.AddSignedReleaseAsync(facts, custom: custom);

        using var response = await PublishAsync(next);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid);
        Assert.Contains(fact, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task RefusesAStateReasonLongerThan512Characters()
    {
        var publication = Acme();
        await publication.AddSignedReleaseAsync(Facts(Platform, "1.0.0") with { State = ReleaseStates.Yanked, StateReason = new string('r', 513) });
        var before = await RepositoryProbe.TakeAsync(Server);

        using var response = await PublishAsync(publication);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid);
        Assert.Contains("stateReason", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await RepositoryProbe.TakeAsync(Server));
    }

    [Fact]
    public async Task RefusesMoreThan256HardwareIdsInOneRelease()
    {
        var publication = Acme();
        var facts = Facts("acme.nic-driver", "1.0.0", ProductKinds.Driver);
        var custom = facts.ToCustom();
        custom["hardwareIds"] = new JsonArray(Enumerable.Range(0, 257).Select(i => (JsonNode?)JsonValue.Create($"pci:v00008086d{i:X8}*")).ToArray());
        await publication.AddSignedReleaseAsync(facts, custom: custom);

        using var response = await PublishAsync(publication);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid);
        Assert.Contains("hardwareIds", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Disagreements => new()
    {
        { """{"hardwareIds": ["pci:v00008086d00001533*"]}""", """{"hardwareIds": ["pci:v000010ECd00008168*"]}""", "hardwareIds" },
        { """{"hardwareIds": ["pci:v00008086d00001533*"]}""", "{}", "hardwareIds" },
        { "{}", """{"requires": [{"product": "acme.runtime", "versions": "[2.0.0,)"}]}""", "requires" },
        { """{"requires": [{"product": "acme.runtime", "versions": "[2.0.0,)"}]}""", """{"requires": [{"product": "acme.runtime", "versions": "[1.0.0,)"}]}""", "requires" },
        { """{"installableFrom": "[2.0.0,)"}""", "{}", "installableFrom" },
        { "{}", """{"supersedes": ["acme.old-platform"]}""", "supersedes" },
        { "{}", """{"hardwareIds": ["not a hardware id"]}""", "applicability" },
    };

    [Theory]
    [MemberData(nameof(Disagreements))]
    public async Task RefusesAPackageWhoseManifestDisagreesWithTheSignedFacts(string signed, string manifest, string fact)
    {
        var first = await PublishReleasesAsync(Facts(Platform, "1.0.0"));
        var before = await SnapshotAsync();
        var next = NextVersion(first);
        var facts = WithApplicability(Facts("acme.nic-driver", "1.0.0", ProductKinds.Driver), signed);

        await next.AddSignedReleaseAsync(facts, manifestApplicability: JsonNode.Parse(manifest)!.AsObject());

        using var response = await PublishAsync(next);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("differ", detail, StringComparison.Ordinal);
        Assert.Contains(fact, detail, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task RefusesAnUpgradePackageWhoseManifestMovesAnotherRange()
    {
        var publication = Acme();
        var facts = Facts("acme.culture-platform-upgrade", "2.0.0", ProductKinds.Upgrade) with
        {
            Upgrades = new UpgradeSpec(Platform, VersionRange.Parse("[1.0.0,2.0.0)"), StrictVersion.Parse("2.0.0")),
        };
        var manifest = ReleasePackage.ApplicabilityOf(facts);
        manifest["upgrades"]!["from"] = "[1.5.0,2.0.0)";
        await publication.AddSignedReleaseAsync(facts, manifestApplicability: manifest);

        using var response = await PublishAsync(publication);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid);
        Assert.Contains("upgrades", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await RepositoryProbe.TakeAsync(Server)).Releases);
    }

    [Fact]
    public async Task AcceptsADriverWhoseManifestAgreesAndWhosePublishNarrowsTheOperatingSystems()
    {
        var facts = Facts("acme.nic-driver", "1.0.0", ProductKinds.Driver) with
        {
            OperatingSystems = ["linux"],
            HardwareIds = [Pattern("pci:v00008086d00001533*"), Pattern(@"PCI\VEN_8086&DEV_1533")],
            Requires = [new Requirement(Platform, VersionRange.Parse("[2.1.0,)"))],
        };
        var manifest = ReleasePackage.ApplicabilityOf(facts);
        manifest["os"] = new JsonArray("linux", "windows");
        var publication = Acme();
        await publication.AddSignedReleaseAsync(facts, manifestApplicability: manifest);

        using var response = await PublishAsync(publication);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var release = Assert.Single((await HistoryAsync("acme.nic-driver")).EnumerateArray());
        Assert.Equal("driver", release.GetProperty("kind").GetString());
    }

    /// <summary>The next metadata version: everything <paramref name="previous"/> listed, nothing uploaded again.</summary>
    private Publication NextVersion(Publication previous)
    {
        var next = Acme();
        next.Version = previous.Version + 1;
        next.AddExisting(previous.Targets);
        return next;
    }

    private static ReleaseFacts WithApplicability(ReleaseFacts identity, string applicability)
    {
        var custom = identity.ToCustom();
        foreach (var (name, value) in JsonNode.Parse(applicability)!.AsObject())
        {
            custom[name] = value?.DeepClone();
        }

        return ReleaseFacts.FromCustom(custom);
    }
}
