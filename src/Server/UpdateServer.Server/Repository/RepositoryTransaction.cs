using Microsoft.EntityFrameworkCore.Storage;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Repository;

/// <summary>
/// A database transaction that changes what the repository serves (metadata, releases), begun by
/// <see cref="RepositoryChanges.BeginAsync"/>. It holds the repository's write lock in the database from its first
/// statement to its end, so on every server instance sharing the database such transactions run one after another and
/// each one reads what the one before committed: two snapshots never get the same version, and a snapshot never lists
/// an older version of a role than the snapshot before it. Disposing it without <see cref="CommitAsync"/> rolls back.
/// </summary>
public sealed class RepositoryTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction _transaction;
    private readonly RepositoryChanges _changes;

    internal RepositoryTransaction(UpdateServerDbContext db, IDbContextTransaction transaction, long generation, RepositoryChanges changes)
    {
        Db = db;
        _transaction = transaction;
        Generation = generation;
        _changes = changes;
    }

    public UpdateServerDbContext Db { get; }

    /// <summary>The repository generation this transaction commits.</summary>
    public long Generation { get; }

    /// <summary>Commits, then tells this instance's cache and the other instances that <see cref="Generation"/> exists.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _transaction.CommitAsync(cancellationToken);
        await _changes.AnnounceAsync(Generation, cancellationToken);
    }

    public ValueTask DisposeAsync() => _transaction.DisposeAsync();
}
