using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;
using UpdateServer.Server.Data;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Storage;

namespace UpdateServer.Server.Repository;

/// <summary>
/// Serves the repository as a TUF client expects it: <c>/tuf/metadata/N.root.json</c>, <c>V.ROLE.json</c>,
/// unversioned latest files (<c>timestamp.json</c> above all), and targets as <c>/tuf/targets/DIR/SHA256.NAME</c>.
/// Versioned and content-addressed files never change, so they carry immutable cache headers; all carry an ETag
/// and honour Range and If-None-Match.
/// </summary>
public static partial class TufEndpoints
{
    private const string Immutable = "public, max-age=31536000, immutable";
    private const string Revalidate = "no-cache";

    public static IEndpointRouteBuilder MapTufRepository(this IEndpointRouteBuilder routes)
    {
        var tuf = routes.MapGroup("/tuf").WithTags("TUF repository");
        tuf.MapGet("/metadata/{fileName}", GetMetadataAsync).WithName("GetMetadata");
        tuf.MapGet("/targets/{**path}", GetTargetAsync).WithName("GetTarget");
        return routes;
    }

    private static async Task<IResult> GetMetadataAsync(string fileName, HttpContext context, RepositoryStateCache cache,
        IServiceScopeFactory scopes, IMemoryCache memory, CancellationToken cancellationToken)
    {
        var match = MetadataFileName().Match(fileName);
        if (fileName.Length > 256 || !match.Success)
        {
            throw NotFound(fileName);
        }

        var role = match.Groups["role"].Value;
        MetadataRecord? record;
        if (match.Groups["version"].Success)
        {
            var version = long.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture);
            if (!memory.TryGetValue((role, version), out record))
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>();
                record = await db.Metadata.AsNoTracking().SingleOrDefaultAsync(m => m.Role == role && m.Version == version, cancellationToken);

                // Only files that exist are cached: a version not published yet may appear at any moment.
                if (record is not null)
                {
                    memory.Set((role, version), record, new MemoryCacheEntryOptions { Size = record.Length, SlidingExpiration = TimeSpan.FromHours(1) });
                }
            }

            context.Response.Headers.CacheControl = Immutable;
        }
        else
        {
            var state = await cache.GetAsync(cancellationToken);
            record = state.Latest.GetValueOrDefault(role);
            context.Response.Headers.CacheControl = Revalidate;
        }

        if (record is null)
        {
            context.Response.Headers.Remove(HeaderNames.CacheControl);
            throw NotFound(fileName);
        }

        return TypedResults.Bytes(record.Content, "application/json", enableRangeProcessing: true,
            entityTag: new EntityTagHeaderValue($"\"{record.Sha256}\""));
    }

    private static async Task<IResult> GetTargetAsync(string path, HttpContext context, RepositoryStateCache cache, IBlobStore blobs,
        CancellationToken cancellationToken)
    {
        var state = await cache.GetAsync(cancellationToken);
        var slash = path.LastIndexOf('/');
        var directory = slash >= 0 ? path[..(slash + 1)] : string.Empty;
        var name = path[(slash + 1)..];
        var hashed = HashedName().Match(name);

        var sha256 = hashed.Success
            ? state.TargetSha256(directory + hashed.Groups["name"].Value) is { } listed && listed == hashed.Groups["hash"].Value ? listed : null
            : state.TargetSha256(path);
        if (sha256 is null || await blobs.OpenReadAsync(BlobKeys.ForTarget(sha256), cancellationToken) is not { } stream)
        {
            throw NotFound(path);
        }

        context.Response.Headers.CacheControl = hashed.Success ? Immutable : Revalidate;
        return TypedResults.Stream(stream, "application/octet-stream", enableRangeProcessing: true,
            entityTag: new EntityTagHeaderValue($"\"{sha256}\""));
    }

    private static ProblemException NotFound(string name) =>
        new(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found", $"The repository has no {name}.");

    // A role name starts with a letter (vendor names may not start with a digit), so "2026.bin-3.json" can only mean
    // version 2026 of "bin-3", never the latest "2026.bin-3".
    [GeneratedRegex("^(?:(?<version>[1-9][0-9]{0,17})\\.)?(?<role>[a-z][a-z0-9-]*(?:\\.[a-z0-9][a-z0-9-]*)?)\\.json\\z", RegexOptions.CultureInvariant)]
    private static partial Regex MetadataFileName();

    [GeneratedRegex("^(?<hash>[0-9a-f]{64})\\.(?<name>.+)\\z", RegexOptions.CultureInvariant)]
    private static partial Regex HashedName();
}
