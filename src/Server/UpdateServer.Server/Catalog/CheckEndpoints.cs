using Microsoft.AspNetCore.Http.HttpResults;
using UpdateServer.Packaging.Api;
using UpdateServer.Server.Repository;

namespace UpdateServer.Server.Catalog;

/// <summary>
/// <c>POST /api/v1/check</c>: device inventory in, the ordered install plan out — from the cached repository state and
/// the cached responses (<see cref="CheckResponseCache"/>): no database, no blob and no signing on this path.
/// </summary>
public static class CheckEndpoints
{
    public static IEndpointRouteBuilder MapCheckApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/check", CheckAsync)
            .WithName("Check")
            .WithTags("Devices")
            .WithSummary("What should this machine install?")
            .Produces<CheckResponse>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem();
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> CheckAsync(CheckRequest request, RepositoryStateCache cache,
        CheckResponseCache responses, CancellationToken cancellationToken)
    {
        var errors = CheckRequestValidator.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, type: Problems.ProblemTypes.InvalidRequest);
        }

        var state = await cache.GetAsync(cancellationToken);
        return TypedResults.Bytes(responses.Get(state, request), "application/json");
    }
}
