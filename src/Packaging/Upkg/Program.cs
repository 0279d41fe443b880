using UpdateServer.Upkg;
using UpdateServer.Upkg.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops the work cleanly (partial files are removed); a second one kills the process.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};

var environment = new UpkgEnvironment(Console.Out, Console.Error) { StdoutIsTerminal = !Console.IsOutputRedirected };
return await UpkgCli.RunAsync(args, environment, cancellation.Token);
