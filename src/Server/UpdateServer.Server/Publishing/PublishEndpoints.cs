using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Publishing;

/// <summary><c>POST /api/v1/publish/{vendor}</c>: a vendor uploads packages with its newly signed delegated metadata.</summary>
public static class PublishEndpoints
{
    public static IEndpointRouteBuilder MapPublishApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/publish/{vendor}", PublishAsync)
            .WithName("Publish")
            .WithTags("Publishing")
            .WithSummary("Publish packages with the vendor's signed delegated targets metadata")
            .WithDescription("multipart/form-data: 'metadata' parts (the signed <vendor>.json and any <vendor>.<bin>.json, each the next version, named by file name), then one 'package' part per new target. All or nothing.")
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return routes;
    }

    private static async Task<Created<PublishResult>> PublishAsync(string vendor, HttpContext context, UpdateServerDbContext db,
        PublishService publisher, IOptions<RepositoryOptions> repository, IOptions<StorageOptions> storage, CancellationToken cancellationToken)
    {
        await VendorAuthentication.AuthenticateAsync(context, vendor, db, cancellationToken);

        // Uploads may be large; everything else keeps Kestrel's small default limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        using var upload = await PublishUploadReader.ReadAsync(context.Request, vendor, storage.Value.SpoolDirectory,
            repository.Value.MaxMetadataBytes, repository.Value.MaxPackageBytes, cancellationToken);
        var result = await publisher.PublishAsync(vendor, upload, cancellationToken);
        return TypedResults.Created($"/tuf/metadata/{result.MetadataVersion}.{vendor}.json", result);
    }
}
