using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace UpdateServer.EndToEnd.Tests.Support;

/// <summary>The server as a real process on a free loopback port, with SQLite and files in a folder of its own.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _log = new();

    private ServerProcess(Process process, Uri url, string dataDirectory)
    {
        _process = process;
        Url = url;
        DataDirectory = dataDirectory;
    }

    public Uri Url { get; }

    public string DataDirectory { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(string repositoryServerFolder, string dataDirectory)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = Apps.Start(Apps.Server, ["--urls", url.AbsoluteUri.TrimEnd('/'), "--Storage:DataDirectory", dataDirectory,
            "--Repository:Directory", repositoryServerFolder, "--Logging:LogLevel:Default", "Warning"]);
        var server = new ServerProcess(Process.Start(start)!, url, dataDirectory);
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !server._process.HasExited)
        {
            try
            {
                if ((await http.GetAsync(new Uri(url, "healthz"))).StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"The server did not start:\n{server.Log}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
