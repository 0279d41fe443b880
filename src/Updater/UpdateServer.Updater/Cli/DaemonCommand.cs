using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UpdateServer.Updater.Configuration;
using UpdateServer.Updater.Daemon;

namespace UpdateServer.Updater.Cli;

/// <summary>
/// <c>updater daemon</c>: the updater as a hosted service (systemd notify and journal logging when started by systemd,
/// see <c>samples/updater.service</c>), checking every <c>checkInterval</c> with jitter until stopped.
/// </summary>
public static class DaemonCommand
{
    public static Command Create(GlobalOptions options, Func<CliOutput> output)
    {
        var daemon = new Command("daemon", "Run as a service: check and apply periodically (with jitter) as the policy allows, until stopped");
        daemon.SetAction(async (parse, ct) =>
        {
            UpdaterSettings settings;
            try
            {
                settings = UpdaterConfigLoader.Load(parse.GetValue(options.Config)!);
            }
            catch (ConfigurationException e)
            {
                return output().Fail(e.Message);
            }

            using var services = new UpdaterServices(parse.GetValue(options.Verbose), output().Error, settings);
            var builder = Host.CreateApplicationBuilder([]);
            builder.Services.AddSystemd();
            builder.Logging.SetMinimumLevel(parse.GetValue(options.Verbose) ? LogLevel.Debug : LogLevel.Information);

            // A stop waits for a transaction in progress: its hooks may take the whole hook timeout, twice (a hook and the rollback hook).
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = settings.HookTimeout * 2 + TimeSpan.FromSeconds(30));
            builder.Services.AddSingleton(services.Runner);
            builder.Services.AddSingleton(settings);
            builder.Services.AddSingleton(TimeProvider.System);
            builder.Services.AddHostedService<UpdateDaemon>();
            using var host = builder.Build();
            await host.RunAsync(ct);
            return 0;
        });
        return daemon;
    }
}
