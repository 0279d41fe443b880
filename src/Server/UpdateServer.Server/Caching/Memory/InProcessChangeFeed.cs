using UpdateServer.Server.Repository;

namespace UpdateServer.Server.Caching.Memory;

/// <summary>
/// The change feed of a deployment without Redis: announces to no one, since the committing instance has already told
/// its own cache. Other instances on the same database still notice within <c>Cache:GenerationPollInterval</c>
/// (<see cref="RepositoryGenerationWatcher"/>).
/// </summary>
public sealed class InProcessChangeFeed : IRepositoryChangeFeed
{
    public Task AnnounceAsync(long generation, CancellationToken cancellationToken) => Task.CompletedTask;
}
