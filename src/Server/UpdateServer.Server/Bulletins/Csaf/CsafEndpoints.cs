using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Data;
using UpdateServer.Server.Problems;

namespace UpdateServer.Server.Bulletins.Csaf;

/// <summary>
/// The CSAF 2.0 provider (section 7, directory-based distribution): <c>/.well-known/csaf/provider-metadata.json</c>,
/// <c>index.txt</c> and <c>changes.csv</c> listing <c>&lt;year&gt;/&lt;id&gt;.json</c>, and each document with its
/// <c>.sha256</c>. Documents are made from the signed bulletin when first asked for and kept per revision, so they
/// always match its current revision.
/// </summary>
public static class CsafEndpoints
{
    public static IEndpointRouteBuilder MapCsafProvider(this IEndpointRouteBuilder routes)
    {
        var csaf = routes.MapGroup(CsafPaths.Root).WithTags("CSAF");
        csaf.MapGet("/provider-metadata.json", ProviderMetadataAsync).WithName("CsafProviderMetadata");
        csaf.MapGet("/index.txt", IndexAsync).WithName("CsafIndex");
        csaf.MapGet("/changes.csv", ChangesAsync).WithName("CsafChanges");
        csaf.MapGet("/{year}/{file}", DocumentAsync).WithName("CsafDocument").ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> ProviderMetadataAsync(HttpRequest request, UpdateServerDbContext db, IOptions<BulletinOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var baseUrl = PublicBaseUrl.Of(request, options.Value);
        var newest = await db.Bulletins.AsNoTracking().OrderByDescending(b => b.CurrentReleaseDate)
            .Select(b => (DateTimeOffset?)b.CurrentReleaseDate).FirstOrDefaultAsync(cancellationToken) ?? time.GetUtcNow();
        var metadata = new JsonObject
        {
            ["canonical_url"] = $"{baseUrl}{CsafPaths.Root}/provider-metadata.json",
            ["distributions"] = new JsonArray { new JsonObject { ["directory_url"] = $"{baseUrl}{CsafPaths.Root}/" } },
            ["last_updated"] = BulletinJson.FormatDate(newest),
            ["list_on_CSAF_aggregators"] = true,
            ["metadata_version"] = "2.0",
            ["mirror_on_CSAF_aggregators"] = true,
            ["publisher"] = new JsonObject
            {
                ["category"] = "vendor",
                ["name"] = options.Value.PublisherName,
                ["namespace"] = options.Value.PublisherNamespace,
            },
            ["role"] = "csaf_provider",
        };
        return TypedResults.Text(metadata.ToJsonString(), "application/json", Encoding.UTF8);
    }

    private static async Task<IResult> IndexAsync(UpdateServerDbContext db, CancellationToken cancellationToken)
    {
        var lines = (await CsafDocuments.ListAsync(db, cancellationToken)).Select(CsafPaths.RelativePath).Order(StringComparer.Ordinal);
        return TypedResults.Text(string.Concat(lines.Select(l => l + "\n")), "text/plain", Encoding.UTF8);
    }

    /// <summary>CSAF 2.0 section 7.1.14: quoted path and current release date, newest first.</summary>
    private static async Task<IResult> ChangesAsync(UpdateServerDbContext db, CancellationToken cancellationToken)
    {
        var lines = (await CsafDocuments.ListAsync(db, cancellationToken))
            .Select(b => $"\"{CsafPaths.RelativePath(b)}\",\"{BulletinJson.FormatDate(b.CurrentReleaseDate)}\"\n");
        return TypedResults.Text(string.Concat(lines), "text/csv", Encoding.UTF8);
    }

    private static async Task<IResult> DocumentAsync(string year, string file, HttpRequest request, UpdateServerDbContext db, IMemoryCache cache,
        IOptions<BulletinOptions> options, CancellationToken cancellationToken)
    {
        const string HashSuffix = ".sha256";
        var hash = file.EndsWith(HashSuffix, StringComparison.Ordinal);
        var name = hash ? file[..^HashSuffix.Length] : file;
        var bytes = await CsafDocuments.FindAsync(db, cache, $"{year}/{name}", options.Value, PublicBaseUrl.Of(request, options.Value), cancellationToken)
            ?? throw new ProblemException(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "No such CSAF document",
                $"{CsafPaths.Root}/{year}/{file} does not exist; see {CsafPaths.Root}/index.txt.");
        return hash
            ? TypedResults.Text($"{Convert.ToHexStringLower(SHA256.HashData(bytes))}  {name}\n", "text/plain", Encoding.UTF8)
            : TypedResults.File(bytes, "application/json");
    }
}
