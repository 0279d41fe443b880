using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace UpdateServer.EndToEnd.Tests.Support;

/// <summary>Runs the built apps (<c>upkg</c>, <c>updater</c>, the server) as real processes.</summary>
public static class Apps
{
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string BuildConfiguration { get; } = Metadata("Configuration");

    public static string Upkg => Dll("Packaging/Upkg", "upkg");

    public static string Updater => Dll("Updater/UpdateServer.Updater", "updater");

    public static string Server => Dll("Server/UpdateServer.Server", "UpdateServer.Server");

    public static string Samples => Path.Combine(RepositoryRoot, "samples", "products");

    /// <summary>
    /// The state folder of every <c>upkg</c> run of this test process (never the user's own). Its records of published
    /// targets are kept per server address, and every test starts servers on ports of their own.
    /// </summary>
    private static string UpkgStateDirectory { get; } = Directory.CreateTempSubdirectory("us-e2e-upkg-state-").FullName;

    public static Task<ProcessResult> RunAsync(string dll, params string[] args) => RunAsync(Start(dll, args), TimeSpan.FromMinutes(2));

    /// <summary>Runs <paramref name="start"/> to its end (killed with every child after <paramref name="limit"/>) and collects its output.</summary>
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo start, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(start);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    public static ProcessStartInfo Start(string dll, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["UPKG_STATE_DIR"] = UpkgStateDirectory;
        return start;
    }

    private static string Dll(string project, string name) =>
        Path.Combine(RepositoryRoot, "src", project, "bin", BuildConfiguration, "net10.0", name + ".dll");

    private static string Metadata(string key) =>
        typeof(Apps).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
