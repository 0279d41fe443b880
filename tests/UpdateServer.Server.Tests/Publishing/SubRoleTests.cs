using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Packaging.Versions;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Publishing;

/// <summary>Vendor metadata that delegates to hashed bins: what the server accepts and what it refuses.</summary>
public sealed class SubRoleTests : ServerTestBase
{
    private const string Product = "acme.culture-platform";

    [Fact]
    public async Task AcceptsBinsAndServesThemAsRoles()
    {
        var (package, path) = await PackageAsync("1.0.0");
        using var response = await PublishAsync(
            [VendorRole(1, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]), .. AllBins(path, package)], package);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync($"/tuf/metadata/1.acme.bin-{Prefix(path)}.json", Ct)).StatusCode);
        Assert.Equal(1, (await RepositoryProbe.TakeAsync(Server)).Releases);
    }

    public static TheoryData<string, HttpStatusCode, string> Refusals => new()
    {
        { "bin not delegated", HttpStatusCode.Forbidden, ProblemTypes.DelegationNotAllowed },
        { "delegation to another vendor's role", HttpStatusCode.Forbidden, ProblemTypes.DelegationNotAllowed },
        { "bin signed by another key", HttpStatusCode.Forbidden, ProblemTypes.SignatureThresholdNotMet },
        { "target in the wrong bin", HttpStatusCode.Forbidden, ProblemTypes.PathOutsideNamespace },
        { "bin delegating further", HttpStatusCode.UnprocessableEntity, ProblemTypes.DelegationNotAllowed },
        { "target listed by two roles", HttpStatusCode.UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task RefusesAndChangesNothing(string scenario, HttpStatusCode status, string type)
    {
        var before = await RepositoryProbe.TakeAsync(Server);
        var (package, path) = await PackageAsync("1.0.0");
        var prefix = Prefix(path);
        var other = prefix == "0" ? "1" : "0";
        List<(string Role, byte[] Bytes)> files = scenario switch
        {
            "bin not delegated" => [VendorRole(1, [other]), Bin(other, path, package, version: 1, role: $"acme.bin-{prefix}")],
            "delegation to another vendor's role" => [VendorRole(1, [prefix], roleName: _ => "globex")],
            "bin signed by another key" => [VendorRole(1, [prefix]), Bin(prefix, path, package, signer: SigningKey.Generate())],
            "target in the wrong bin" => [VendorRole(1, [other]), Bin(other, path, package)],
            "bin delegating further" => [VendorRole(1, [prefix]), Bin(prefix, path, package, delegating: true)],
            "target listed by two roles" => [VendorRole(1, [prefix], target: (path, package)), Bin(prefix, path, package)],
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
        };

        using var response = await PublishAsync(files, package);

        await ProblemAssert.IsProblemAsync(response, status, type);
        Assert.Equal(before, await RepositoryProbe.TakeAsync(Server));
    }

    private static string Prefix(string path) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..1];

    private static async Task<(byte[] Package, string Path)> PackageAsync(string version) =>
        (await Publication.BuildPackageAsync(Product, version), $"acme/{Product}-{version}.upkg");

    private (string, byte[]) VendorRole(long version, IReadOnlyList<string> prefixes, Func<string, string>? roleName = null,
        (string Path, byte[] Package)? target = null)
    {
        var key = Server.Repository.AcmeKey;
        var roles = prefixes.Select(p => new DelegatedRole(roleName?.Invoke(p) ?? $"acme.bin-{p}", new RoleKeys([key.KeyId], 1), true, null, [p])).ToList();
        var targets = target is { } t ? new Dictionary<string, TargetFile> { [t.Path] = Target(t.Package) } : new Dictionary<string, TargetFile>();
        var metadata = Metadata.Create(new TargetsMetadata
        {
            Version = version,
            Expires = Server.Clock.GetUtcNow().AddDays(30),
            Targets = targets,
            Delegations = new Delegations(new Dictionary<string, TufKey> { [key.KeyId] = key.PublicKey }, roles),
        }).Sign(key);
        return ("acme", metadata.ToBytes());
    }

    private List<(string, byte[])> AllBins(string path, byte[] package) =>
        [.. "0123456789abcdef".Select(c => c.ToString()).Select(p => p == Prefix(path) ? Bin(p, path, package) : EmptyBin(p))];

    private (string, byte[]) EmptyBin(string prefix) =>
        ($"acme.bin-{prefix}", Metadata.Create(new TargetsMetadata { Version = 1, Expires = Server.Clock.GetUtcNow().AddDays(30) })
            .Sign(Server.Repository.AcmeKey).ToBytes());

    private (string, byte[]) Bin(string prefix, string path, byte[] package, long version = 1, string? role = null, SigningKey? signer = null,
        bool delegating = false)
    {
        var metadata = Metadata.Create(new TargetsMetadata
        {
            Version = version,
            Expires = Server.Clock.GetUtcNow().AddDays(30),
            Targets = new Dictionary<string, TargetFile> { [path] = Target(package) },
            Delegations = delegating ? new Delegations(new Dictionary<string, TufKey>(), []) : null,
        }).Sign(signer ?? Server.Repository.AcmeKey);
        return (role ?? $"acme.bin-{prefix}", metadata.ToBytes());
    }

    private static TargetFile Target(byte[] package) =>
        new(package.Length, new Dictionary<string, string> { ["sha256"] = FileHashes.Sha256Hex(package) },
            new ReleaseFacts { Product = Product, Version = StrictVersion.Parse("1.0.0"), Kind = ProductKinds.Platform }.ToCustom());

    private async Task<HttpResponseMessage> PublishAsync(List<(string Role, byte[] Bytes)> files, byte[] package)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (role, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            content.Add(part, "metadata", $"{role}.json");
        }

        content.Add(new ByteArrayContent(package), "package", "package.upkg");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/publish/acme") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Server.Repository.AcmeApiKey);
        return await Http.SendAsync(request, Ct);
    }
}
