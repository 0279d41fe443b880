using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace UpdateServer.EndToEnd.Tests.Support;

/// <summary>
/// One TCP connection to a server, written byte by byte as a misbehaving client would (HttpClient refuses to lie about
/// Content-Length or to stall), with the response read concurrently so an early answer is never missed.
/// </summary>
public sealed class RawHttpConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly Task<string> _response;
    private volatile bool _answering;

    private RawHttpConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _response = ReadToEndAsync();
    }

    public static async Task<RawHttpConnection> OpenAsync(Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, TestContext.Current.CancellationToken);
        return new RawHttpConnection(client);
    }

    /// <summary>Completes when the server has answered and closed the connection (or after <paramref name="limit"/>).</summary>
    public async Task<string> ResponseAsync(TimeSpan limit) => await _response.WaitAsync(limit, TestContext.Current.CancellationToken);

    /// <summary>True once the server has sent anything back (it may still be reading, and discarding, the request).</summary>
    public bool Answered => _answering || _response.IsCompleted;

    /// <summary>Sends <paramref name="text"/>; false once the server has closed the connection.</summary>
    public Task<bool> SendAsync(string text) => SendAsync(Encoding.ASCII.GetBytes(text));

    public async Task<bool> SendAsync(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            await _stream.WriteAsync(bytes, TestContext.Current.CancellationToken);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The status code of a response text, e.g. 413.</summary>
    public static int StatusOf(string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.StartsWith("HTTP/1.1 ", response, StringComparison.Ordinal);
        return int.Parse(response.AsSpan(9, 3), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        try
        {
            await _response;
        }
        catch (IOException)
        {
            // The connection was reset; nothing more to read.
        }
    }

    private async Task<string> ReadToEndAsync()
    {
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await _stream.ReadAsync(buffer)) > 0)
            {
                _answering = true;
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // Reset after the answer (the server does not wait for the rest of a body it refused).
        }
        catch (ObjectDisposedException)
        {
            // Disposed by the test.
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }
}
