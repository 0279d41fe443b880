using UpdateServer.Packaging.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Server.Bulletins;
using UpdateServer.Server.Repository;

namespace UpdateServer.Server.Catalog;

/// <summary><c>POST /api/v1/check</c>: device inventory in, the install plan and the bulletins bearing on it out.</summary>
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
        AffectedMachineLedger ledger, CancellationToken cancellationToken)
    {
        var errors = CheckRequestValidator.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, type: Problems.ProblemTypes.InvalidRequest);
        }

        var state = await cache.GetAsync(cancellationToken);
        var advice = UpdateAdvisor.Advise(request, state.Catalog, state.Bulletins, state.SnapshotVersion);
        await ledger.RecordAsync(request.DeviceId!,
            [.. advice.Bulletins.Where(b => b.Status == BulletinExposure.Affected).Select(b => b.Id)], cancellationToken);
        return TypedResults.Ok(advice);
    }
}
