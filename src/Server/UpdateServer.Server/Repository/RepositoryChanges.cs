using UpdateServer.Server.Data;

namespace UpdateServer.Server.Repository;

/// <summary>
/// The one way to change what the repository serves: <see cref="BeginAsync"/> opens a <see cref="RepositoryTransaction"/>
/// (serialized across instances by the database), and its commit makes every instance's <see cref="RepositoryStateCache"/>
/// drop the older picture — this instance's at once, the others' through the <see cref="IRepositoryChangeFeed"/> and,
/// should an announcement be lost, through <see cref="RepositoryGenerationWatcher"/>.
/// </summary>
public sealed class RepositoryChanges(RepositoryStateCache cache, IRepositoryChangeFeed feed)
{
    /// <summary>Begins a transaction on <paramref name="db"/> and takes the repository's write lock (waiting for another holder).</summary>
    public async Task<RepositoryTransaction> BeginAsync(UpdateServerDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = false;
        try
        {
            var generation = await db.IncrementGenerationAsync(cancellationToken);
            locked = true;
            return new RepositoryTransaction(db, transaction, generation, this);
        }
        finally
        {
            if (!locked)
            {
                await transaction.DisposeAsync();
            }
        }
    }

    internal async Task AnnounceAsync(long generation, CancellationToken cancellationToken)
    {
        cache.Observe(generation);
        await feed.AnnounceAsync(generation, cancellationToken);
    }
}
