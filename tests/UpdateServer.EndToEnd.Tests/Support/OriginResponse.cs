using Microsoft.AspNetCore.Http;

namespace UpdateServer.EndToEnd.Tests.Support;

/// <summary>
/// What the genuine server answered, for an <see cref="AttackerServer"/> to pass on or twist. <see cref="ContentRange"/>
/// travels with a 206, as it does over a real network: a resuming client refuses a partial answer that does not say where it starts.
/// </summary>
public sealed record OriginResponse(int Status, byte[] Body, string ContentType, string? ContentRange = null)
{
    public async Task WriteToAsync(HttpResponse response, byte[]? body = null)
    {
        WriteHeadersTo(response);
        await response.Body.WriteAsync(body ?? Body);
    }

    /// <summary>Sets the status, content type and any <c>Content-Range</c>, for a plan that writes the body itself.</summary>
    public void WriteHeadersTo(HttpResponse response)
    {
        response.StatusCode = Status;
        response.ContentType = ContentType;
        if (ContentRange is not null)
        {
            response.Headers.ContentRange = ContentRange;
        }
    }
}
