using System.Net;
using System.Text.Json.Nodes;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Catalog;

/// <summary>
/// Hostile or absurd inventories: every one is refused with 400 (or 413 over the body limit) naming the field, never
/// a 5xx; inventories at the limits are planned.
/// </summary>
public sealed class InventoryLimitsTests : CatalogTestBase
{
    [Fact]
    public async Task RefusesMoreThan1024HardwareIds()
    {
        var ids = Enumerable.Range(0, 1025).Select(Modalias).ToList();

        using var response = await PostCheckAsync(Body(b => b["hardwareIds"] = Array(ids)));

        await AssertNamesFieldAsync(response, "hardwareIds");
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(1024)]
    public async Task PlansFromAnInventoryOfAThousandHardwareIds(int count)
    {
        var ids = Enumerable.Range(0, count).Select(Modalias).ToList();
        await PublishReleasesAsync(
            Facts(Platform, "1.0.0"),
            Facts("acme.nic-driver", "1.0.0", ProductKinds.Driver) with { HardwareIds = [Pattern(ids[^1])] });

        var response = await CheckAsync(Machine(new InstalledProduct(Platform, "1.0.0")) with { HardwareIds = ids });

        var step = Assert.Single(response.Steps);
        Assert.Equal("acme.nic-driver", step.Product);
        Assert.Contains(ids[^1], step.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> AbsurdHardwareIds => new()
    {
        { "[\"pci:" + new string('a', 10 * 1024) + "\"]", "hardwareIds[0]" },
        { "[\"pci:v00008086\\u0000d00001533\"]", "hardwareIds[0]" },
        { "[\"pci:v00008086d00001533\\n\"]", "hardwareIds[0]" },
        { "[\"pci:v00008086\\td00001533\"]", "hardwareIds[0]" },
        { "[\"pci:v00008086d*\"]", "hardwareIds[0]" },
        { "[\"pci:v00008086d0000153?\"]", "hardwareIds[0]" },
        { "[\"PCI\\\\VEN_8086&DEV_*\"]", "hardwareIds[0]" },
        { "[\"PCI\\\\\"]", "hardwareIds[0]" },
        { "[\"\"]", "hardwareIds[0]" },
        { "[\"not a hardware id\"]", "hardwareIds[0]" },
        { "[\"pci:v00008086é\"]", "hardwareIds[0]" },
        { "[\"pci:v00008086/../../etc\"]", "hardwareIds[0]" },
        { "[null]", "hardwareIds[0]" },
        { "[\"pci:v00008086d00001533\", \"bad id\"]", "hardwareIds[1]" },
    };

    [Theory]
    [MemberData(nameof(AbsurdHardwareIds))]
    public async Task RefusesAnAbsurdReportedHardwareIdNamingIt(string hardwareIds, string field)
    {
        using var response = await PostCheckAsync(Body(b => b["hardwareIds"] = JsonNode.Parse(hardwareIds)));

        await AssertNamesFieldAsync(response, field);
    }

    [Theory]
    [InlineData("\"hardwareIds\": \"pci:v00008086d00001533\"")]
    [InlineData("\"hardwareIds\": [1, 2]")]
    [InlineData("\"hardwareIds\": [{\"id\": \"pci:v00008086d00001533\"}]")]
    [InlineData("\"hardwareIds\": [[\"pci:v00008086d00001533\"]]")]
    [InlineData("\"hardwareIds\": {\"0\": \"pci:v00008086d00001533\"}")]
    [InlineData("\"components\": [\"postgres.server 15.2\"]")]
    [InlineData("\"components\": [{\"id\": \"postgres.server\", \"version\": 15.2}]")]
    [InlineData("\"testRing\": \"yes\"")]
    [InlineData("\"testRing\": 1")]
    [InlineData("\"updaterProduct\": [\"acme.updater\"]")]
    public async Task RefusesWrongJsonTypesAsABadRequest(string property)
    {
        var json = """{"deviceId": "m1", "os": "linux", "arch": "x64", "products": [{"id": "acme.culture-platform"}], """ + property + "}";

        using var response = await PostCheckAsync(json);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
    }

    [Fact]
    public async Task RefusesDeeplyNestedJsonAsABadRequest()
    {
        var json = """{"deviceId": "m1", "os": "linux", "arch": "x64", "products": [{"id": "acme.culture-platform"}], "hardwareIds": """
            + new string('[', 5000) + new string(']', 5000) + "}";

        using var response = await PostCheckAsync(json);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
    }

    public static TheoryData<string, string> BadComponents => new()
    {
        { "[{\"id\": \"postgres.server\", \"version\": \"not.a.version\"}]", "components[0]" },
        { "[{\"id\": \"postgres.server\", \"version\": \"\"}]", "components[0]" },
        { "[{\"id\": \"postgres.server\", \"version\": \"1." + new string('1', 80) + "\"}]", "components[0]" },
        { "[{\"id\": \"postgres.server\"}]", "components[0]" },
        { "[{\"version\": \"15.2\"}]", "components[0]" },
        { "[{\"id\": \"Postgres Server\", \"version\": \"15.2\"}]", "components[0]" },
        { "[null]", "components[0]" },
        { "[{\"id\": \"postgres.server\", \"version\": \"15.2\"}, {\"id\": \"postgres.server\", \"version\": \"16.0\"}]", "components" },
        { "[{\"id\": \"postgres.server\", \"version\": \"15.2\"}, {\"id\": \"redis.server\", \"version\": \"7.2.*\"}]", "components[1]" },
    };

    [Theory]
    [MemberData(nameof(BadComponents))]
    public async Task RefusesABadComponentNamingIt(string components, string field)
    {
        using var response = await PostCheckAsync(Body(b => b["components"] = JsonNode.Parse(components)));

        await AssertNamesFieldAsync(response, field);
    }

    [Fact]
    public async Task RefusesMoreThan512Components()
    {
        var components = Enumerable.Range(0, 513).Select(i => new ComponentVersion($"vendor{i}.component", "1.0")).ToList();

        using var response = await PostCheckAsync(Body(b => b["components"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(components,
            System.Text.Json.JsonSerializerOptions.Web))));

        await AssertNamesFieldAsync(response, "components");
    }

    [Fact]
    public async Task Accepts512Components()
    {
        var components = Enumerable.Range(0, 512).Select(i => new ComponentVersion($"vendor{i}.component", $"{i}.0.1")).ToList();

        var response = await CheckAsync(Machine(new InstalledProduct(Platform, null)) with { Components = components });

        Assert.Equal("unknown-product", Assert.Single(response.Products).Status);
    }

    [Theory]
    [InlineData("not a range")]
    [InlineData("[2.0.0,1.0.0)")]
    [InlineData("1.*")]
    [InlineData("")]
    [InlineData("[1.0.0,2.0.0")]
    public async Task RefusesAnInvalidPinNamingIt(string pin)
    {
        using var response = await PostCheckAsync(Body(b => b["products"]![0]!["pin"] = pin));

        await AssertNamesFieldAsync(response, "products[0].pin");
    }

    [Fact]
    public async Task RefusesAnOverlongPin()
    {
        var pin = "[1.0.0," + new string('9', 300) + ".0.0)";

        using var response = await PostCheckAsync(Body(b => b["products"]![0]!["pin"] = pin));

        await AssertNamesFieldAsync(response, "products[0].pin");
    }

    [Theory]
    [InlineData("[1.0.0,2.0.0)")]
    [InlineData("[1.4.0]")]
    [InlineData("1.0.0")]
    public async Task AcceptsAValidPin(string pin)
    {
        var response = await CheckAsync(Machine(new InstalledProduct(Platform, "1.0.0", pin)));

        Assert.Single(response.Products);
    }

    [Theory]
    [InlineData("Acme.Updater")]
    [InlineData("updater")]
    [InlineData("acme.updater\n")]
    public async Task RefusesAnInvalidUpdaterProduct(string updater)
    {
        using var response = await PostCheckAsync(Body(b => b["updaterProduct"] = updater));

        await AssertNamesFieldAsync(response, "updaterProduct");
    }

    [Fact]
    public async Task RefusesFiveHundredProductsWithOverlongIdsNamingThem()
    {
        var products = new JsonArray(Enumerable.Range(0, 500)
            .Select(i => (JsonNode?)new JsonObject { ["id"] = $"acme.p{i}" + new string('x', 1500) }).ToArray());

        using var response = await PostCheckAsync(Body(b => b["products"] = products));

        var problem = await AssertNamesFieldAsync(response, "products[0].id");
        Assert.True(problem.GetProperty("errors").TryGetProperty("products[499].id", out _));
    }

    [Fact]
    public async Task RefusesFiveHundredProductsOf4000CharacterIdsAsTooLarge()
    {
        // 500 x 4000 characters is about 2 MB: over the 1 MiB body limit, so refused before any of it is parsed.
        var products = new JsonArray(Enumerable.Range(0, 500)
            .Select(i => (JsonNode?)new JsonObject { ["id"] = $"acme.p{i}" + new string('x', 4000) }).ToArray());

        using var response = await PostCheckAsync(Body(b => b["products"] = products));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge);
    }

    [Fact]
    public async Task RefusesMoreThan512Products()
    {
        var products = new JsonArray(Enumerable.Range(0, 513).Select(i => (JsonNode?)new JsonObject { ["id"] = $"acme.p{i}" }).ToArray());

        using var response = await PostCheckAsync(Body(b => b["products"] = products));

        await AssertNamesFieldAsync(response, "products");
    }

    [Fact]
    public async Task RefusesAProductListedTwice()
    {
        using var response = await PostCheckAsync(Body(b => b["products"] = JsonNode.Parse(
            """[{"id": "acme.culture-platform", "installedVersion": "1.0.0"}, {"id": "acme.culture-platform", "installedVersion": "2.0.0"}]""")));

        await AssertNamesFieldAsync(response, "products");
    }

    /// <summary>A valid check body (one product), changed by <paramref name="edit"/>.</summary>
    private static string Body(Action<JsonObject> edit)
    {
        var body = new JsonObject
        {
            ["deviceId"] = "machine-01",
            ["os"] = "linux",
            ["arch"] = "x64",
            ["products"] = new JsonArray(new JsonObject { ["id"] = Platform, ["installedVersion"] = "1.0.0" }),
        };
        edit(body);
        return body.ToJsonString();
    }

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>A distinct, valid PCI modalias for each <paramref name="i"/>.</summary>
    private static string Modalias(int i) => $"pci:v00008086d{i:X8}sv00008086sd00000001bc02sc00i00";

    private static async Task<System.Text.Json.JsonElement> AssertNamesFieldAsync(HttpResponseMessage response, string field)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors does not name {field}: {problem}");
        return problem;
    }
}
