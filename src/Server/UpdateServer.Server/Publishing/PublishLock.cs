namespace UpdateServer.Server.Publishing;

/// <summary>
/// Lets one publish at a time into the commit step of this process, so local publishes queue here instead of each
/// holding a database connection while waiting. What serializes signing, across instances too, is the repository's
/// write lock in the database (<see cref="Repository.RepositoryTransaction"/>); this lock only spares connections.
/// </summary>
public sealed class PublishLock : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken);
        return new Release(_semaphore);
    }

    public void Dispose() => _semaphore.Dispose();

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
