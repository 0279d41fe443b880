using UpdateServer.Updater.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await UpdaterCli.RunAsync(args, Console.Out, Console.Error, !Console.IsOutputRedirected, cancellation.Token);
