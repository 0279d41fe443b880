using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using UpdateServer.Packaging.Repository;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Repository;

namespace UpdateServer.Server.Administration;

/// <summary>Reads the multipart body of a repository push: <c>root</c> parts, an optional <c>targets</c> and an optional <c>vendors</c> part.</summary>
public static class RepositoryDocumentsReader
{
    private const int MaxPartBytes = 4 * 1024 * 1024;
    private const int MaxRoots = 1024;

    /// <exception cref="ProblemException">The body is not such a multipart document set.</exception>
    public static async Task<RepositoryDocuments> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            throw Invalid("The body must be multipart/form-data.");
        }

        var roots = new List<byte[]>();
        byte[]? targets = null;
        VendorList? vendors = null;
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = MaxPartBytes };
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                var name = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    ? HeaderUtilities.RemoveQuotes(disposition.Name).Value
                    : null;
                using var buffer = new MemoryStream();
                await section.Body.CopyToAsync(buffer, cancellationToken);
                switch (name)
                {
                    case "root" when roots.Count < MaxRoots:
                        roots.Add(buffer.ToArray());
                        break;
                    case "targets" when targets is null:
                        targets = buffer.ToArray();
                        break;
                    case "vendors" when vendors is null:
                        vendors = VendorList.Read(buffer.ToArray());
                        break;
                    default:
                        throw Invalid($"Unexpected or repeated part \"{name}\"; send 'root' parts and at most one 'targets' and one 'vendors' part.");
                }
            }
        }
        catch (FormatException e)
        {
            throw Invalid(e.Message);
        }
        catch (IOException e) when (e is not BadHttpRequestException)
        {
            throw Invalid($"The body ended early or is not valid multipart: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            throw Invalid($"The multipart body is malformed: {e.Message}");
        }

        return new RepositoryDocuments(DocumentOrigin.Push, roots, targets, vendors);
    }

    private static ProblemException Invalid(string detail) =>
        new(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest, "Invalid repository push", detail);
}
