using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Server.Data;
using UpdateServer.Server.Problems;

namespace UpdateServer.Server.Catalog;

/// <summary>
/// <c>GET /api/v1/products/{product}/releases</c>: every release ever published for a product (removed ones too),
/// newest first, with its lifecycle state and the audit trail of how it got there.
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

    private static async Task<Ok<List<ReleaseHistory>>> ListAsync(string product, UpdateServerDbContext db, CancellationToken cancellationToken)
    {
        if (!ReleaseFacts.IsProductId(product))
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest, "Invalid product id",
                "A product id is lowercase, like vendor.name.");
        }

        var releases = await db.Releases.AsNoTracking().Where(r => r.Product == product).ToListAsync(cancellationToken);
        if (releases.Count == 0)
        {
            throw new ProblemException(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Unknown product", $"No release of {product} was ever published.");
        }

        var events = (await db.ReleaseEvents.AsNoTracking().Where(e => e.Product == product).ToListAsync(cancellationToken))
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToLookup(e => e.TargetPath, StringComparer.Ordinal);
        return TypedResults.Ok(releases
            .Select(r => ReleaseHistory.Of(r, events[r.TargetPath]))
            .OrderByDescending(r => NuGet.Versioning.NuGetVersion.Parse(r.Version))
            .ToList());
    }
}
