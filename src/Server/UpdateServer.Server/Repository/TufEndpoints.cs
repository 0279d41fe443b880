using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Storage;

namespace UpdateServer.Server.Repository;

/// <summary>
/// Serves the repository as a TUF client expects it: <c>/tuf/metadata/N.root.json</c>, <c>V.ROLE.json</c>,
/// unversioned latest files (<c>timestamp.json</c> above all), and targets as <c>/tuf/targets/DIR/SHA256.NAME</c>.
/// Versioned and content-addressed files never change, so they carry immutable cache headers; all carry an ETag
/// and honour Range (screened by <see cref="ByteRanges"/>) and If-None-Match. Targets stream from the blob store
/// (<see cref="TargetResponse"/>), also for HEAD; nothing reads a whole blob into memory.
/// </summary>
public static partial class TufEndpoints
{
    private const string Immutable = "public, max-age=31536000, immutable";
    private const string Revalidate = "no-cache";

    public static IEndpointRouteBuilder MapTufRepository(this IEndpointRouteBuilder routes)
    {
        var tuf = routes.MapGroup("/tuf").WithTags("TUF repository");
        tuf.MapGet("/metadata/{fileName}", GetMetadataAsync).WithName("GetMetadata");
        tuf.MapMethods("/targets/{**path}", [HttpMethods.Get, HttpMethods.Head], GetTargetAsync).WithName("GetTarget");
        return routes;
    }

    private static async Task<IResult> GetMetadataAsync(string fileName, HttpContext context, RepositoryStateCache cache,
        MetadataFiles files, CancellationToken cancellationToken)
    {
        var match = MetadataFileName().Match(fileName);
        if (fileName.Length > 256 || !match.Success)
        {
            throw NotFound(fileName);
        }

        var versioned = match.Groups["version"].Success;
        long? version = versioned ? long.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture) : null;
        var record = await files.FindAsync(await cache.GetAsync(cancellationToken), match.Groups["role"].Value, version, cancellationToken)
            ?? throw NotFound(fileName);
        if (ByteRanges.Screen(context, record.Length) is { } refusal)
        {
            return refusal;
        }

        context.Response.Headers.CacheControl = versioned ? Immutable : Revalidate;
        return TypedResults.Bytes(record.Content, "application/json", enableRangeProcessing: true,
            entityTag: new EntityTagHeaderValue($"\"{record.Sha256}\""));
    }

    private static async Task<TargetResponse> GetTargetAsync(string path, RepositoryStateCache cache, IBlobStore blobs,
        IOptions<RepositoryOptions> options, CancellationToken cancellationToken)
    {
        var state = await cache.GetAsync(cancellationToken);
        var slash = path.LastIndexOf('/');
        var directory = slash >= 0 ? path[..(slash + 1)] : string.Empty;
        var name = path[(slash + 1)..];
        var hashed = HashedName().Match(name);

        var target = hashed.Success
            ? state.FindTarget(directory + hashed.Groups["name"].Value) is { } listed && listed.Sha256 == hashed.Groups["hash"].Value ? listed : null
            : state.FindTarget(path);
        return target is null
            ? throw NotFound(path)
            : new TargetResponse(target, blobs, hashed.Success ? Immutable : Revalidate, options.Value.DownloadChunkBytes);
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
