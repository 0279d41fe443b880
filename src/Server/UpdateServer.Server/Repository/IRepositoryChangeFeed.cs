namespace UpdateServer.Server.Repository;

/// <summary>
/// Tells the other server instances that a repository generation was committed, and passes their announcements to this
/// instance's <see cref="RepositoryStateCache.Observe"/>. Best effort: an announcement that does not arrive is made up
/// for by <see cref="RepositoryGenerationWatcher"/>, so implementations log their failures instead of throwing.
/// </summary>
public interface IRepositoryChangeFeed
{
    Task AnnounceAsync(long generation, CancellationToken cancellationToken);
}
