using System.Net;
using System.Text.Json;
using UpdateServer.Packaging.Repository;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Administration;

/// <summary>The administration API: what an operator's push imports, and every push it refuses without changing anything.</summary>
public sealed class RepositoryPushTests : ServerTestBase
{
    private OperatorDocuments Documents => new(Server.Repository, Server.Clock.GetUtcNow());

    [Fact]
    public async Task ImportsNewerTargetsAndVendorsAndSignsANewSnapshot()
    {
        var before = await RepositoryProbe.TakeAsync(Server);

        using var response = await PushAsync(targets: Documents.Targets(2), vendors: Documents.Vendors(2, Server.Repository.AcmeApiKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(2, result.GetProperty("targetsVersion").GetInt64());
        Assert.Equal(2, result.GetProperty("vendorListVersion").GetInt64());
        Assert.Equal(before.SnapshotVersion + 1, (await RepositoryProbe.TakeAsync(Server)).SnapshotVersion);
    }

    [Fact]
    public async Task TakesTheSamePushTwice()
    {
        var targets = Documents.Targets(2);
        var vendors = Documents.Vendors(2, Server.Repository.AcmeApiKey);
        using var first = await PushAsync(targets: targets, vendors: vendors);
        var after = await RepositoryProbe.TakeAsync(Server);

        using var second = await PushAsync([Server.Repository.RootBytes], targets, vendors);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(after, await RepositoryProbe.TakeAsync(Server));
    }

    [Theory]
    [InlineData("no key")]
    [InlineData("a vendor's key")]
    [InlineData("a made-up key")]
    public async Task RefusesAnyoneButTheOperator(string who)
    {
        var before = await RepositoryProbe.TakeAsync(Server);
        var key = who switch
        {
            "no key" => string.Empty,
            "a vendor's key" => Server.Repository.AcmeApiKey,
            _ => VendorRegistration.NewApiKey(),
        };

        using var response = await RepositoryPush.SendAsync(Http, key, targets: Documents.Targets(2));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, ProblemTypes.InvalidApiKey);
        Assert.Equal(before, await RepositoryProbe.TakeAsync(Server));
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "a gap in the root chain", "Root version 2 is missing" },
        { "two different roots with one version", "Two different root files claim version 2" },
        { "targets signed by one of the two targets keys", "not signed by the targets role" },
        { "targets signed by no targets key", "not signed by the targets role" },
        { "targets older than the imported ones", "older than the imported version 2" },
        { "other targets under the imported version", "differs from the imported version 2" },
        { "a vendor list older than the imported one", "older than the imported version 2" },
        { "another vendor list under the imported version", "differs from the imported version 2" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task RefusesDocumentsThatDoNotFollowWhatIsImported(string scenario, string reason)
    {
        using (var setUp = await PushAsync(targets: Documents.Targets(2), vendors: Documents.Vendors(2, Server.Repository.AcmeApiKey)))
        {
            Assert.Equal(HttpStatusCode.OK, setUp.StatusCode);
        }

        var before = await RepositoryProbe.TakeAsync(Server);
        var rootTwo = Documents.Root(2);
        using var response = scenario switch
        {
            "a gap in the root chain" => await PushAsync([Documents.Root(3)]),
            "two different roots with one version" => await PushAsync([rootTwo, Resigned(rootTwo)]),
            "targets signed by one of the two targets keys" => await PushAsync(targets: Documents.Targets(3, null, Server.Repository.TargetsKey)),
            "targets signed by no targets key" => await PushAsync(targets: Documents.Targets(3, null, SigningKey.Generate())),
            "targets older than the imported ones" => await PushAsync(targets: Documents.Targets(1)),
            "other targets under the imported version" => await PushAsync(targets: Documents.Targets(2, SigningKey.Generate())),
            "a vendor list older than the imported one" => await PushAsync(vendors: Documents.Vendors(1, Server.Repository.AcmeApiKey)),
            "another vendor list under the imported version" => await PushAsync(vendors: Documents.Vendors(2, VendorRegistration.NewApiKey())),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
        };

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, ProblemTypes.RepositoryImportRefused);
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await RepositoryProbe.TakeAsync(Server));
    }

    [Theory]
    [InlineData("""[{"name": "acme", "apiKeySha256": "0000000000000000000000000000000000000000000000000000000000000000"}]""")]
    [InlineData("""{"version": 3, "vendors": [{"name": "2026", "apiKeySha256": "0000000000000000000000000000000000000000000000000000000000000000"}]}""")]
    [InlineData("""{"version": 0, "vendors": []}""")]
    public async Task RefusesAMalformedVendorList(string vendors)
    {
        using var response = await PushAsync(vendors: System.Text.Encoding.UTF8.GetBytes(vendors));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
    }

    private Task<HttpResponseMessage> PushAsync(IEnumerable<byte[]>? roots = null, byte[]? targets = null, byte[]? vendors = null) =>
        RepositoryPush.SendAsync(Http, Server.Repository.OperatorApiKey, roots, targets, vendors);

    /// <summary>The same root version with other contents: a later expiry, signed again.</summary>
    private byte[] Resigned(byte[] root)
    {
        var metadata = Metadata.FromBytes<RootMetadata>(root);
        return Metadata.Create(metadata.Signed with { Expires = metadata.Signed.Expires.AddDays(1) }).Sign(Server.Repository.RootKey).ToBytes();
    }
}
