using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.HttpResults;
using UpdateServer.Packaging.Api;
using UpdateServer.Server.Bulletins;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Repository;

namespace UpdateServer.Server.Catalog;

/// <summary>
/// <c>POST /api/v1/check</c>: device inventory in, the ordered install plan and the bulletins bearing on it out — from
/// the cached repository state and
/// the cached responses (<see cref="CheckResponseCache"/>): no database, no blob and no signing on this path. The body
/// is read as bytes, not bound to a model: a request seen before for this snapshot version is answered by
/// looking its bytes up, without parsing, validating or planning it again. The bulletins found affecting the device go
/// to the <see cref="AffectedMachineLedger"/>, which writes only when a device's set changed.
/// </summary>
public static class CheckEndpoints
{
    public static IEndpointRouteBuilder MapCheckApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/check", CheckAsync)
            .WithName("Check")
            .WithTags("Devices")
            .WithSummary("What should this machine install?")
            .Accepts<CheckRequest>("application/json") // routing answers 415 to any other Content-Type
            .Produces<CheckResponse>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return routes;
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem>> CheckAsync(HttpContext context, RepositoryStateCache cache,
        CheckResponseCache responses, AffectedMachineLedger ledger, CancellationToken cancellationToken)
    {
        var state = await cache.GetAsync(cancellationToken);
        var body = context.Request.BodyReader;
        var read = await ReadToEndAsync(body, cancellationToken);
        CheckAnswer answer;
        try
        {
            answer = responses.Answer(state, read.Buffer);
        }
        finally
        {
            body.AdvanceTo(read.Buffer.End);
        }

        if (answer.Errors is { } errors)
        {
            return TypedResults.ValidationProblem(errors, type: ProblemTypes.InvalidRequest);
        }

        await ledger.RecordAsync(answer.DeviceId!, state.SnapshotVersion, answer.AffectedBulletins!, cancellationToken);

        // Written here rather than through a file result: the bytes need no range, precondition or ETag processing.
        var response = context.Response;
        response.ContentType = "application/json";
        response.ContentLength = answer.Response!.Length;
        await response.Body.WriteAsync(answer.Response, cancellationToken);
        return TypedResults.Empty;
    }

    /// <summary>Buffers the whole body; the server's request body limit (1 MiB) bounds it, refusing more with 413.</summary>
    private static async Task<ReadResult> ReadToEndAsync(PipeReader body, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken);
            if (read.IsCompleted || read.IsCanceled)
            {
                return read;
            }

            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }
}
