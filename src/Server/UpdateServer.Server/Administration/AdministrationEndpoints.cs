using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using UpdateServer.Server.Data;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Publishing;
using UpdateServer.Server.Repository;

namespace UpdateServer.Server.Administration;

/// <summary>
/// <c>POST /api/v1/admin/repository</c>: an operator pushes offline-signed documents (new root versions, targets,
/// the vendor list) to the running server, which imports them only if they verify — a new root only when both the
/// old and the new thresholds are met — and signs a new snapshot and timestamp.
/// </summary>
public static class AdministrationEndpoints
{
    public static IEndpointRouteBuilder MapAdministrationApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/admin/repository", ImportAsync)
            .WithName("ImportRepositoryDocuments")
            .WithTags("Administration")
            .WithSummary("Import offline-signed root versions, targets and the vendor list")
            .WithDescription("multipart/form-data: 'root' parts (N.root.json files), an optional 'targets' part and an optional 'vendors' part. Operator API key.")
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return routes;
    }

    private static async Task<Ok<RepositoryImportResult>> ImportAsync(HttpContext context, OperatorKeys operators, UpdateServerDbContext db,
        RepositoryImporter importer, RepositoryChanges changes, PublishLock publishLock, CancellationToken cancellationToken)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!operators.Enabled || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !operators.Accepts(header["Bearer ".Length..].Trim()))
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
            throw new ProblemException(StatusCodes.Status401Unauthorized, ProblemTypes.InvalidApiKey, "Invalid operator key",
                operators.Enabled ? "The operator API key is not valid." : "This server has no operators.json; the administration API is closed.");
        }

        var documents = await RepositoryDocumentsReader.ReadAsync(context.Request, cancellationToken);
        using (await publishLock.AcquireAsync(cancellationToken))
        {
            await using var transaction = await changes.BeginAsync(db, cancellationToken);
            RepositoryImportResult result;
            try
            {
                result = await importer.ImportAsync(transaction, documents, cancellationToken);
            }
            catch (RepositoryImportException e)
            {
                throw new ProblemException(StatusCodes.Status422UnprocessableEntity, ProblemTypes.RepositoryImportRefused, "Documents refused", e.Message);
            }

            await transaction.CommitAsync(cancellationToken);
            return TypedResults.Ok(result);
        }
    }
}
