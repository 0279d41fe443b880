using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UpdateServer.Updater.Checking;
using UpdateServer.Updater.Configuration;
using UpdateServer.Updater.Transactions;
using UpdateServer.Updater.Trust;
using UpdateServer.Updater.Updating;

namespace UpdateServer.Updater.Cli;

/// <summary>Composes the updater's services for one command: one pooled HttpClient, logging, the update runner.</summary>
public sealed class UpdaterServices : IDisposable
{
    private const string HttpClientName = "updater";
    private readonly ServiceProvider _provider;

    public UpdaterServices(bool verbose, TextWriter log, UpdaterSettings? settings = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.None);
            logging.AddProvider(new LineLoggerProvider(log));
        });

        // Timeouts are enforced per transfer (stall timeout, minimum rate), not by HttpClient.Timeout.
        services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(FaultPoints.FromEnvironment());
        if (settings is not null)
        {
            services.AddSingleton(settings);
            services.AddSingleton(provider => new TrustedRepository(settings, Http(provider), TimeProvider.System,
                provider.GetRequiredService<ILoggerFactory>()));
            services.AddSingleton(provider => new UpdateServerApi(Http(provider), settings.ServerUrl));
            services.AddSingleton<UpdateRunner>();
        }

        _provider = services.BuildServiceProvider();
    }

    public HttpClient HttpClient => Http(_provider);

    public ILoggerFactory Loggers => _provider.GetRequiredService<ILoggerFactory>();

    public UpdateRunner Runner => _provider.GetRequiredService<UpdateRunner>();

    public void Dispose() => _provider.Dispose();

    private static HttpClient Http(IServiceProvider provider) =>
        provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
}
