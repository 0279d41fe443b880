using Microsoft.Extensions.Options;
using UpdateServer.Server.Configuration;

namespace UpdateServer.Server.Repository;

/// <summary>
/// Runs <see cref="RepositoryBootstrapper"/> while the host is starting, before the server accepts requests
/// (<see cref="IHostedLifecycleService.StartingAsync"/> runs ahead of every service's start, Kestrel's included).
/// A repository that does not verify stops the host with the bootstrapper's message.
/// </summary>
internal sealed class RepositoryStartup(RepositoryBootstrapper bootstrapper, IOptions<StorageOptions> storage) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(storage.Value.DataDirectory);

        // Uploads a crashed process was receiving are never completed; nothing refers to them.
        if (Directory.Exists(storage.Value.SpoolDirectory))
        {
            Directory.Delete(storage.Value.SpoolDirectory, recursive: true);
        }

        await bootstrapper.InitializeAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
