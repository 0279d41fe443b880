using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Server.Data;
using UpdateServer.Server.Problems;

namespace UpdateServer.Server.Catalog;

/// <summary>
/// <c>GET /api/v1/products/{product}/releases?skip=0&amp;take=100</c>: the releases ever published for a product (removed
/// ones too), newest first, a page at a time (<c>X-Total-Count</c> says how many), with each one's lifecycle state and
/// the audit trail of how it got there.
/// </summary>
public static class ReleaseHistoryEndpoints
{
    public static IEndpointRouteBuilder MapReleaseHistoryApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/products/{product}/releases", ListAsync)
            .WithName("ListReleases")
            .WithTags("Catalog")
            .WithSummary("A product's releases with their lifecycle and audit trail");
        return routes;
    }

    private const int DefaultTake = 100;
    private const int MaxTake = 500;

    private static async Task<Ok<List<ReleaseHistory>>> ListAsync(string product, UpdateServerDbContext db, HttpResponse response,
        CancellationToken cancellationToken, int skip = 0, int take = DefaultTake)
    {
        if (!ReleaseFacts.IsProductId(product))
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest, "Invalid product id",
                "A product id is lowercase, like vendor.name.");
        }

        if (skip < 0 || take is < 1 or > MaxTake)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest, "Invalid page",
                $"skip must not be negative and take must be 1 to {MaxTake}.");
        }

        var releases = await db.Releases.AsNoTracking().Where(r => r.Product == product)
            .Select(r => new { r.TargetPath, r.Version }).ToListAsync(cancellationToken);
        if (releases.Count == 0)
        {
            throw new ProblemException(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Unknown product", $"No release of {product} was ever published.");
        }

        var page = releases.OrderByDescending(r => NuGet.Versioning.NuGetVersion.Parse(r.Version)).ThenBy(r => r.TargetPath, StringComparer.Ordinal)
            .Skip(skip).Take(take).Select(r => r.TargetPath).ToList();
        var records = await db.Releases.AsNoTracking().Where(r => page.Contains(r.TargetPath)).ToDictionaryAsync(r => r.TargetPath, cancellationToken);
        var events = (await db.ReleaseEvents.AsNoTracking().Where(e => page.Contains(e.TargetPath)).ToListAsync(cancellationToken))
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToLookup(e => e.TargetPath, StringComparer.Ordinal);
        response.Headers["X-Total-Count"] = releases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(page.Select(path => ReleaseHistory.Of(records[path], events[path])).ToList());
    }
}
