using UpdateServer.Packaging.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using UpdateServer.Server.Repository;

namespace UpdateServer.Server.Catalog;

/// <summary><c>POST /api/v1/check</c>: device inventory in, the newest applicable release per product out.</summary>
public static class CheckEndpoints
{
    public static IEndpointRouteBuilder MapCheckApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/check", CheckAsync)
            .WithName("Check")
            .WithTags("Devices")
            .WithSummary("What should this machine install?")
            .ProducesValidationProblem();
        return routes;
    }

    private static async Task<Results<Ok<CheckResponse>, ValidationProblem>> CheckAsync(CheckRequest request, RepositoryStateCache cache,
        CancellationToken cancellationToken)
    {
        var errors = CheckRequestValidator.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, type: Problems.ProblemTypes.InvalidRequest);
        }

        var state = await cache.GetAsync(cancellationToken);
        return TypedResults.Ok(UpdateAdvisor.Advise(request, state.Catalog, state.SnapshotVersion));
    }
}
