using Microsoft.AspNetCore.Http;

namespace UpdateServer.EndToEnd.Tests.Support;

/// <summary>What the genuine server answered, for an <see cref="AttackerServer"/> to pass on or twist.</summary>
public sealed record OriginResponse(int Status, byte[] Body, string ContentType)
{
    public async Task WriteToAsync(HttpResponse response, byte[]? body = null)
    {
        response.StatusCode = Status;
        response.ContentType = ContentType;
        await response.Body.WriteAsync(body ?? Body);
    }
}
