using System.Net;
using System.Net.Http.Headers;

namespace UpdateServer.Packaging.Trust.Client;

/// <summary>
/// Fetches metadata and targets over HTTP(S) with hard caps: metadata is read to at most the allowed length
/// (a larger Content-Length is refused before reading), every transfer has a timeout, a stall timeout and a
/// minimum rate.
/// </summary>
public sealed class HttpRepositoryTransport : IRepositoryTransport
{
    private readonly HttpClient _http;
    private readonly Uri _metadataBase;
    private readonly Uri _targetsBase;
    private readonly TransportLimits _limits;

    /// <summary>Where an UpdateServer serves metadata, relative to its base address (<c>/tuf/metadata/</c>).</summary>
    public const string ServerMetadataPath = "tuf/metadata/";

    /// <summary>Where an UpdateServer serves targets, relative to its base address (<c>/tuf/targets/</c>).</summary>
    public const string ServerTargetsPath = "tuf/targets/";

    /// <param name="http">A shared client (from IHttpClientFactory); its own Timeout should be infinite, these limits apply instead.</param>
    /// <param name="metadataBase">Base URL of metadata files, e.g. <c>https://updates.example/tuf/metadata/</c>.</param>
    /// <param name="targetsBase">Base URL of target files, e.g. <c>https://updates.example/tuf/targets/</c>.</param>
    /// <param name="limits">Timeouts and minimum rate; defaults when null.</param>
    public HttpRepositoryTransport(HttpClient http, Uri metadataBase, Uri targetsBase, TransportLimits? limits = null)
    {
        _http = http;
        _metadataBase = WithTrailingSlash(metadataBase);
        _targetsBase = WithTrailingSlash(targetsBase);
        _limits = limits ?? new TransportLimits();
    }

    /// <summary>The transport for an UpdateServer at <paramref name="server"/> (its base address, ending in a slash).</summary>
    public static HttpRepositoryTransport ForServer(HttpClient http, Uri server, TransportLimits? limits = null) =>
        new(http, new Uri(server, ServerMetadataPath), new Uri(server, ServerTargetsPath), limits);

    public async Task<byte[]> FetchMetadataAsync(string fileName, long maxLength, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_limits.RequestTimeout);
        try
        {
            await using var stream = await OpenAsync(new Uri(_metadataBase, fileName), 0, fileName, maxLength, timeout.Token).ConfigureAwait(false);
            return await ReadCappedAsync(stream, fileName, maxLength, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DownloadFailedException($"{fileName}: not received within {_limits.RequestTimeout.TotalSeconds:0} s.", AttackKind.SlowRetrieval);
        }
    }

    public Task<Stream> OpenTargetAsync(string relativeUrl, long offset, CancellationToken cancellationToken) =>
        OpenAsync(new Uri(_targetsBase, relativeUrl), offset, relativeUrl, maxLength: null, cancellationToken);

    private async Task<Stream> OpenAsync(Uri url, long offset, string what, long? maxLength, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
        }

        HttpResponseMessage response;
        using (var headers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            headers.CancelAfter(_limits.RequestTimeout);
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headers.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new DownloadFailedException($"{what}: {e.Message}", e);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DownloadFailedException($"{what}: no response within {_limits.RequestTimeout.TotalSeconds:0} s.", AttackKind.SlowRetrieval);
            }
        }

        try
        {
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
            {
                throw new RepositoryFileNotFoundException(what);
            }

            var expected = offset > 0 ? HttpStatusCode.PartialContent : HttpStatusCode.OK;
            if (response.StatusCode != expected)
            {
                throw new DownloadFailedException($"{what}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            if (offset > 0 && response.Content.Headers.ContentRange?.From != offset)
            {
                // Resuming must continue exactly where the kept bytes end; another range, or a 206 that does not say
                // which bytes it holds (RFC 9110 15.3.7 requires Content-Range), would splice two files.
                var sent = response.Content.Headers.ContentRange?.From is { } from ? $"bytes from {from}" : "no Content-Range";
                throw new DownloadFailedException($"{what}: asked for bytes from {offset}, the server sent {sent}.");
            }

            if (maxLength is { } max && response.Content.Headers.ContentLength > max)
            {
                throw new DownloadLengthExceededException(what, max);
            }

            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new GuardedReadStream(body, response, _limits, what);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task<byte[]> ReadCappedAsync(Stream stream, string what, long maxLength, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxLength)
            {
                throw new DownloadLengthExceededException(what, maxLength);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The metadata base URL, which names this mirror in messages.</summary>
    public override string ToString() => _metadataBase.AbsoluteUri;

    private static Uri WithTrailingSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
