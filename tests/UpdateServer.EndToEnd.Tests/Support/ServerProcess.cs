using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using UpdateServer.Testing.Backends;

namespace UpdateServer.EndToEnd.Tests.Support;

/// <summary>
/// The server as a real process on a free loopback port, with a data folder of its own and a backend of its own
/// (<see cref="TestBackend"/>) or one it shares with other server processes.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _log = new();
    private readonly bool _ownsBackend;

    private ServerProcess(Process process, Uri url, string dataDirectory, TestBackend backend, bool ownsBackend)
    {
        _process = process;
        Url = url;
        DataDirectory = dataDirectory;
        Backend = backend;
        _ownsBackend = ownsBackend;
    }

    public Uri Url { get; }

    public string DataDirectory { get; }

    public TestBackend Backend { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The most memory the process has had resident so far (<c>VmHWM</c> in <c>/proc/PID/status</c>), in bytes.</summary>
    public long PeakResidentBytes => ProcStatusKilobytes("VmHWM:") * 1024;

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

    /// <summary>
    /// Starts a server on <paramref name="backend"/> (shared: the caller disposes it), or on a new backend of the kind the
    /// test run uses (owned: disposed with the server), and waits until it answers.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string repositoryServerFolder, string dataDirectory, TestBackend? backend = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}/");
        var ownsBackend = backend is null;
        backend ??= TestBackend.Create(dataDirectory);
        List<string> args = ["--urls", url.AbsoluteUri.TrimEnd('/'), "--Storage:DataDirectory", dataDirectory,
            "--Repository:Directory", repositoryServerFolder, "--Logging:LogLevel:Default", "Warning"];
        foreach (var (key, value) in backend.Settings.Concat(settings ?? new Dictionary<string, string>()))
        {
            args.AddRange([$"--{key}", value]);
        }

        var server = new ServerProcess(Process.Start(Apps.Start(Apps.Server, args))!, url, dataDirectory, backend, ownsBackend);
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

    /// <summary>Ends the process at once (SIGKILL), as a crash or a power cut would: nothing is flushed or rolled back by it.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        if (_ownsBackend)
        {
            await Backend.DisposeAsync();
        }
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private long ProcStatusKilobytes(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").Single(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
