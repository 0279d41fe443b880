using System.Net.Sockets;

namespace UpdateServer.Upkg.Tests.Support;

/// <summary>A server nobody answers for: every request fails the way a refused TCP connection does.</summary>
public sealed class UnreachableServer : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (updates.example.org:443)",
            new SocketException((int)SocketError.ConnectionRefused));
}
