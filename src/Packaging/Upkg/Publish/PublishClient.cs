using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Publish;

/// <summary>
/// The two calls of the server's HTTP API a vendor makes: read its current delegated metadata
/// (<c>GET /tuf/metadata/&lt;vendor&gt;.json</c>) and publish (<c>POST /api/v1/publish/&lt;vendor&gt;</c>).
/// </summary>
public sealed class PublishClient
{
    /// <summary>The largest vendor metadata accepted from the server.</summary>
    public const int MaxMetadataBytes = 32 * 1024 * 1024;

    private static readonly JsonSerializerOptions ReplyOptions = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly Uri _server;

    /// <param name="http">Used as is; its timeout should allow for large uploads.</param>
    /// <param name="server">The server's base URL; a path prefix (<c>https://host/updates</c>) is kept.</param>
    public PublishClient(HttpClient http, Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        _http = http;
        _server = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
    }

    /// <summary>The vendor's current metadata as the server serves it, parsed but not verified; null before the first publish.</summary>
    /// <exception cref="UpkgException">The server cannot be reached, answers an error, or sends something that is not targets metadata.</exception>
    public Task<Metadata<TargetsMetadata>?> GetVendorMetadataAsync(string vendor, CancellationToken cancellationToken) =>
        GetRoleMetadataAsync(vendor, cancellationToken);

    /// <summary>A role's current metadata (the vendor role or one of its bins), parsed but not verified; null when the server has none.</summary>
    /// <exception cref="UpkgException">The server cannot be reached, answers an error, or sends something that is not targets metadata.</exception>
    public async Task<Metadata<TargetsMetadata>?> GetRoleMetadataAsync(string vendor, CancellationToken cancellationToken)
    {
        var uri = new Uri(_server, $"{HttpRepositoryTransport.ServerMetadataPath}{Uri.EscapeDataString(vendor)}.json");
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            var problem = await ServerProblem.ReadAsync(response, cancellationToken);
            throw new UpkgException($"cannot read {vendor}.json from the server: {problem.Detail} ({problem.Status} {problem.Type})");
        }

        if (response.Content.Headers.ContentLength > MaxMetadataBytes)
        {
            throw new UpkgException($"the server's copy of {vendor}.json is larger than {MaxMetadataBytes} bytes.");
        }

        var bytes = await ReadAsync(response, uri, cancellationToken);
        try
        {
            return Metadata.FromBytes<TargetsMetadata>(bytes);
        }
        catch (MetadataFormatException e)
        {
            throw new UpkgException($"the server's copy of {vendor}.json is not valid targets metadata: {e.Message}", e);
        }
    }

    /// <summary>
    /// Sends the signed metadata and the new packages as <c>multipart/form-data</c>: a <c>metadata</c> part, then one
    /// <c>package</c> part per file, streamed from disk. <paramref name="progress"/> counts package bytes sent.
    /// </summary>
    /// <exception cref="PublishRefusedException">The server answered anything but 201 Created.</exception>
    /// <exception cref="UpkgException">The server cannot be reached or its answer is not a publish result.</exception>
    public Task<PublishReply> PublishAsync(string vendor, string apiKey, byte[] signedMetadata, IReadOnlyList<PublishCandidate> packages,
        IProgress<UploadProgress>? progress, CancellationToken cancellationToken) =>
        PublishAsync(vendor, apiKey, [(vendor, signedMetadata)], packages, progress, cancellationToken);

    /// <summary>As above, with one metadata part per role, each named <c>ROLE.json</c> (the vendor role and changed bins).</summary>
    public async Task<PublishReply> PublishAsync(string vendor, string apiKey, IReadOnlyList<(string Role, byte[] Bytes)> signedMetadata,
        IReadOnlyList<PublishCandidate> packages, IProgress<UploadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(signedMetadata);
        var tally = new UploadTally(packages.Sum(p => p.Length), progress);
        using var content = new MultipartFormDataContent();
        foreach (var (role, bytes) in signedMetadata)
        {
            var metadataPart = new ByteArrayContent(bytes);
            metadataPart.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            content.Add(metadataPart, "metadata", $"{role}.json");
        }

        foreach (var package in packages)
        {
            var packagePart = new UploadFileContent(package.File, package.Length, tally);
            packagePart.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(packagePart, "package", package.FileName);
        }

        var uri = new Uri(_server, $"api/v1/publish/{Uri.EscapeDataString(vendor)}");
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

        // Lets the server refuse (wrong key, wrong vendor) before gigabytes are sent.
        request.Headers.ExpectContinue = true;
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            var problem = await ServerProblem.ReadAsync(response, cancellationToken);
            throw new PublishRefusedException(problem.Status, problem.Type, problem.Detail);
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<PublishReply>(ReplyOptions, cancellationToken)
                ?? throw new JsonException("The body is null.");
        }
        catch (JsonException e)
        {
            throw new UpkgException($"the server accepted the upload (201) but its answer is not a publish result: {e.Message}", e);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new UpkgException($"{request.Method} {request.RequestUri} failed: {Describe(e)}", e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new UpkgException($"{request.Method} {request.RequestUri} timed out.", e);
            }
        }
    }

    private static async Task<byte[]> ReadAsync(HttpResponseMessage response, Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using (stream)
            {
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
                {
                    if (buffer.Length + read > MaxMetadataBytes)
                    {
                        throw new UpkgException($"{uri} is larger than {MaxMetadataBytes} bytes.");
                    }

                    buffer.Write(chunk, 0, read);
                }

                return buffer.ToArray();
            }
        }
        catch (HttpRequestException e)
        {
            throw new UpkgException($"GET {uri} failed: {Describe(e)}", e);
        }
        catch (IOException e)
        {
            throw new UpkgException($"GET {uri} failed: {e.Message}", e);
        }
    }

    /// <summary>The message and its cause, which holds the useful part ("Connection refused", "file changed").</summary>
    private static string Describe(Exception e) =>
        e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? $"{e.Message.TrimEnd('.')}: {Describe(inner)}"
            : e.Message;
}
