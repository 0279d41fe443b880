using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.Upkg.Tests.Support;

/// <summary>
/// A hand-written fake of the two calls of our server's HTTP API that <c>upkg publish</c> makes: it serves
/// <c>/tuf/metadata/&lt;vendor&gt;.json</c> from memory and accepts <c>/api/v1/publish/&lt;vendor&gt;</c>, recording the
/// multipart body and, like the real server, making the uploaded metadata the one it serves next.
/// </summary>
public sealed class FakeUpdateServer : HttpMessageHandler
{
    public const string ApiKey = "usk_test-key";

    private long _snapshotVersion = 1;

    /// <summary>The vendor metadata files served, by vendor name.</summary>
    public Dictionary<string, byte[]> VendorMetadata { get; } = new(StringComparer.Ordinal);

    public List<ReceivedPublish> Publishes { get; } = [];

    public List<string> Requests { get; } = [];

    /// <summary>When set, every publish is answered with this status and body instead of being accepted.</summary>
    public (HttpStatusCode Status, string ContentType, string Body)? Refusal { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        Requests.Add($"{request.Method} {path}");
        const string MetadataPrefix = "/tuf/metadata/";
        const string PublishPrefix = "/api/v1/publish/";
        if (request.Method == HttpMethod.Get && path.StartsWith(MetadataPrefix, StringComparison.Ordinal) && path.EndsWith(".json", StringComparison.Ordinal))
        {
            var vendor = path[MetadataPrefix.Length..^".json".Length];
            return VendorMetadata.TryGetValue(vendor, out var bytes)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) }
                : Problem(HttpStatusCode.NotFound, "urn:updateserver:problem:not-found", $"{vendor}.json does not exist.");
        }

        if (request.Method == HttpMethod.Post && path.StartsWith(PublishPrefix, StringComparison.Ordinal))
        {
            return await PublishAsync(path[PublishPrefix.Length..], request, cancellationToken);
        }

        return Problem(HttpStatusCode.NotFound, "urn:updateserver:problem:not-found", $"No route for {request.Method} {path}.");
    }

    private async Task<HttpResponseMessage> PublishAsync(string vendor, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = request.Content!;
        var boundary = content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        var body = await content.ReadAsByteArrayAsync(cancellationToken);
        var parts = MultipartBody.Parse(body, boundary);
        Publishes.Add(new ReceivedPublish(vendor, request.Headers.Authorization?.ToString(), content.Headers.ContentLength, parts));
        Assert.Equal(body.Length, content.Headers.ContentLength);

        if (Refusal is { } refusal)
        {
            return new HttpResponseMessage(refusal.Status) { Content = new StringContent(refusal.Body, Encoding.UTF8, refusal.ContentType) };
        }

        if (request.Headers.Authorization?.ToString() != "Bearer " + ApiKey)
        {
            return Problem(HttpStatusCode.Unauthorized, "urn:updateserver:problem:invalid-api-key", "The API key is not valid.");
        }

        var metadataBytes = parts.Single(p => p.Name == "metadata").Body;
        var metadata = Metadata.FromBytes<TargetsMetadata>(metadataBytes);
        var previousTargets = VendorMetadata.TryGetValue(vendor, out var previous)
            ? Metadata.FromBytes<TargetsMetadata>(previous).Signed.Targets.Keys.ToHashSet()
            : [];
        VendorMetadata[vendor] = metadataBytes;
        _snapshotVersion++;
        var reply = new JsonObject
        {
            ["vendor"] = vendor,
            ["metadataVersion"] = metadata.Signed.Version,
            ["snapshotVersion"] = _snapshotVersion,
            ["timestampVersion"] = _snapshotVersion,
            ["addedTargets"] = new JsonArray([.. metadata.Signed.Targets.Keys.Where(k => !previousTargets.Contains(k)).Select(k => (JsonNode?)k)]),
            ["targets"] = new JsonArray([.. metadata.Signed.Targets.Keys.Select(k => (JsonNode?)k)]),
        };
        return new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent(reply.ToJsonString(), Encoding.UTF8, "application/json") };
    }

    public static HttpResponseMessage Problem(HttpStatusCode status, string type, string detail)
    {
        var problem = new JsonObject { ["type"] = type, ["title"] = status.ToString(), ["status"] = (int)status, ["detail"] = detail };
        return new HttpResponseMessage(status) { Content = new StringContent(problem.ToJsonString(), Encoding.UTF8, "application/problem+json") };
    }
}
