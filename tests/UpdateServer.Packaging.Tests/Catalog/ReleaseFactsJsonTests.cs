using System.Text.Json.Nodes;
using NuGet.Versioning;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Packages;
using UpdateServer.Packaging.Versions;

namespace UpdateServer.Packaging.Tests.Catalog;

public sealed class ReleaseFactsJsonTests
{
    [Fact]
    public void ReadsBackEveryFactItWrites()
    {
        var facts = new ReleaseFacts
        {
            Product = "acme.platform-upgrade",
            Version = StrictVersion.Parse("2.0.0-rc.1+build.5"),
            Kind = ProductKinds.Upgrade,
            Channel = "beta",
            State = ReleaseStates.Yanked,
            StateReason = "loses data when migrating from 1.3",
            OperatingSystems = ["linux"],
            Architectures = ["x64", "arm64"],
            Mandatory = true,
            Requires = [new Requirement("acme.migrator", VersionRange.Parse("[1.2.0, )")), new Requirement("os.debian", VersionRange.Parse("[12.0.0, )"))],
            InstallableFrom = VersionRange.Parse("[1.0.0, 2.0.0)"),
            Upgrades = new UpgradeSpec("acme.platform", VersionRange.Parse("[1.0.0, 2.0.0)"), StrictVersion.Parse("2.0.0")),
            Supersedes = ["acme.legacy-migrator"],
        };

        var read = ReleaseFacts.FromCustom(facts.ToCustom());

        Assert.Equal(facts.ToCustom().ToJsonString(), read.ToCustom().ToJsonString());
        Assert.Equal(("acme.platform", "2.0.0"), (read.InstallsProduct, read.InstallsVersion.ToFullString()));
        Assert.Equal("loses data when migrating from 1.3", read.StateReason);
    }

    [Theory]
    [InlineData("""{"product":"acme.a","version":"1.0","kind":"platform"}""", "custom.version")]
    [InlineData("""{"product":"Acme.A","version":"1.0.0","kind":"platform"}""", "custom.product")]
    [InlineData("""{"product":"acme.a","version":"1.0.0","kind":"firmware"}""", "custom.kind")]
    [InlineData("""{"product":"acme.a","version":"1.0.0","kind":"platform","state":"retired"}""", "custom.state")]
    [InlineData("""{"product":"acme.a","version":"1.0.0","kind":"platform","stateReason":""}""", "custom.stateReason")]
    [InlineData("""{"product":"acme.a","version":"1.0.0","kind":"platform","channel":"Beta"}""", "custom.channel")]
    [InlineData("""{"product":"acme.a","version":"1.0.0","kind":"upgrade"}""", "custom.upgrades is required")]
    [InlineData("""{"product":"acme.a","version":"1.0.0","kind":"platform","upgrades":{"product":"acme.b","from":"[1.0.0,2.0.0)","to":"2.0.0"}}""", "custom.upgrades is required for kind upgrade, and only for it")]
    [InlineData("""{"product":"acme.a","version":"1.0.0","kind":"upgrade","upgrades":{"product":"globex.platform","from":"[1.0.0,2.0.0)","to":"2.0.0"}}""", "custom.upgrades.product \"globex.platform\" is another vendor's product")]
    [InlineData("""{"product":"acme.a","version":"1.0.0","kind":"platform","supersedes":["globex.platform"]}""", "custom.supersedes \"globex.platform\" is another vendor's product")]
    [InlineData("""{"product":"acme.a","version":"1.0.0","kind":"platform","requires":[{"product":"acme.b","versions":"abc"}]}""", "custom.requires[acme.b].versions")]
    [InlineData("""{"product":"acme.a","version":"1.0.0","kind":"platform","installableFrom":"[2.0.0"}""", "custom.installableFrom")]
    [InlineData("""{"product":"acme.a","version":"1.0.0","kind":"driver","hardwareIds":["pci v8086"]}""", "custom.hardwareIds \"pci v8086\"")]
    [InlineData("""{"product":"acme.a","version":"1.0.0","kind":"driver","hardwareIds":"pci:v00008086*"}""", "custom.hardwareIds must be a list")]
    public void RefusesAMalformedFactNamingIt(string custom, string message)
    {
        var error = Assert.Throws<ReleaseFactsException>(() => ReleaseFacts.FromCustom(JsonNode.Parse(custom)!.AsObject()));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesMoreThanTheListCap()
    {
        var custom = JsonNode.Parse("""{"product":"acme.a","version":"1.0.0","kind":"driver"}""")!.AsObject();
        custom["hardwareIds"] = new JsonArray(Enumerable.Range(0, 257).Select(i => (JsonNode?)JsonValue.Create($"pci:v0000{i:X4}*")).ToArray());

        Assert.Contains("at most 256", Assert.Throws<ReleaseFactsException>(() => ReleaseFacts.FromCustom(custom)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsAManifestsApplicabilityUnderItsOwnName()
    {
        var manifest = new PackageManifest("acme.nic-driver", StrictVersion.Parse("1.0.0"), PackageKind.Driver, [],
            applicability: JsonNode.Parse("""{"os":["linux"],"hardwareIds":["pci:v00008086d00001533*"],"requires":[{"product":"acme.platform","versions":"[2.1.0,)"}]}""")!.AsObject());

        var facts = ReleaseFacts.FromManifest(manifest);

        Assert.Equal(["pci:v00008086d00001533*"], facts.HardwareIds.Select(h => h.Text));
        Assert.Equal("acme.platform (>= 2.1.0)", Assert.Single(facts.Requires).ToString());
        var bad = new PackageManifest("acme.nic-driver", StrictVersion.Parse("1.0.0"), PackageKind.Driver, [],
            applicability: JsonNode.Parse("""{"installableFrom":"nonsense"}""")!.AsObject());
        Assert.StartsWith("applicability.installableFrom", Assert.Throws<ReleaseFactsException>(() => ReleaseFacts.FromManifest(bad)).Message,
            StringComparison.Ordinal);
    }
}
