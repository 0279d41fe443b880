using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Storage;

namespace UpdateServer.Server.Repository;

/// <summary>
/// A target streamed from the blob store: whole (200), the one byte range asked for (206, RFC 9110 section 14), or no
/// body when the client's copy is current (304). Blob bytes are read straight into the response's send buffer in
/// chunks of <c>Repository:DownloadChunkBytes</c>; the framework's stream results copy through a 64 KiB buffer
/// in between, which halved download throughput (docs/performance.md).
/// </summary>
/// <remarks>
/// Preconditions are evaluated in the order of RFC 9110 section 13.2.2. The ETag is the target's SHA-256 and never
/// changes; there is no Last-Modified, so If-Unmodified-Since and If-Modified-Since never apply and an If-Range
/// holding a date never matches (section 13.1.5).
/// </remarks>
public sealed class TargetResponse(ListedTarget target, IBlobStore blobs, string cacheControl, int chunkBytes) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var request = httpContext.Request;
        var response = httpContext.Response;
        var etag = new EntityTagHeaderValue($"\"{target.Sha256}\"");

        // 13.2.2 step 1: If-Match, compared strongly.
        if (request.Headers.IfMatch.Count > 0 && !AnyMatches(request.Headers.IfMatch, etag, strong: true))
        {
            throw new ProblemException(StatusCodes.Status412PreconditionFailed, ProblemTypes.PreconditionFailed, "Precondition failed",
                $"If-Match does not name {etag}, the entity tag of {target.TargetPath}.");
        }

        response.Headers.ETag = etag.ToString();
        response.Headers.CacheControl = cacheControl;
        response.Headers.AcceptRanges = "bytes";

        // Step 3: If-None-Match, compared weakly; a match on a GET or HEAD is 304 Not Modified.
        if (request.Headers.IfNoneMatch.Count > 0 && AnyMatches(request.Headers.IfNoneMatch, etag, strong: false))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        // Step 5: a Range is honoured only when If-Range is absent or names this entity tag (strongly).
        ByteRange? range = null;
        if (request.Headers.Range.Count > 0 && IfRangeHolds(request.Headers.IfRange, etag))
        {
            if (ByteRanges.Select(httpContext, target.Length, out range) is { } refusal)
            {
                await refusal.ExecuteAsync(httpContext);
                return;
            }
        }

        var from = range?.From ?? 0;
        var length = range?.Length ?? target.Length;
        var key = BlobKeys.ForTarget(target.Sha256);
        var body = HttpMethods.IsHead(request.Method) || length == 0 ? null : await blobs.OpenRangeAsync(key, from, length, httpContext.RequestAborted);
        if (body is null && !await blobs.ExistsAsync(key, httpContext.RequestAborted))
        {
            throw new ProblemException(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found", $"The repository has no {target.TargetPath}.");
        }

        await using var blob = body;
        response.ContentType = "application/octet-stream";
        response.ContentLength = length;
        if (range is { } partial)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = $"bytes {partial.From}-{partial.Last}/{target.Length}";
        }

        if (blob is null)
        {
            return; // HEAD, or an empty range: the headers say it all
        }

        await CopyAsync(blob, response, length, httpContext.RequestAborted);
    }

    private async Task CopyAsync(Stream blob, HttpResponse response, long length, CancellationToken cancellationToken)
    {
        var writer = response.BodyWriter;
        var remaining = length;
        while (remaining > 0)
        {
            var memory = writer.GetMemory(chunkBytes);
            var read = await blob.ReadAsync(memory[..(int)Math.Min(Math.Min(memory.Length, chunkBytes), remaining)], cancellationToken);
            if (read == 0)
            {
                // The status line and Content-Length are gone already: throwing aborts the connection, so the client
                // sees a cut download, never a short one that looks complete.
                throw new IOException($"The blob of {target.TargetPath} ended {remaining} bytes before its listed length of {target.Length}.");
            }

            writer.Advance(read);
            remaining -= read;
            var flushed = await writer.FlushAsync(cancellationToken);
            if (flushed.IsCompleted || flushed.IsCanceled)
            {
                return; // the client went away
            }
        }
    }

    private static bool AnyMatches(StringValues header, EntityTagHeaderValue etag, bool strong) =>
        EntityTagHeaderValue.TryParseList(header, out var tags) && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, strong));

    private static bool IfRangeHolds(StringValues header, EntityTagHeaderValue etag) =>
        header.Count == 0 || (EntityTagHeaderValue.TryParse(header.ToString(), out var tag) && tag.Compare(etag, useStrongComparison: true));
}
