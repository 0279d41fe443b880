using Microsoft.EntityFrameworkCore;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Repository;

/// <summary>Reads and increments the repository generation (<see cref="RepositoryGenerationRecord"/>).</summary>
public static class RepositoryGenerationQueries
{
    /// <summary>The generation committed last: one primary-key read.</summary>
    public static Task<long> CurrentGenerationAsync(this UpdateServerDbContext db, CancellationToken cancellationToken) =>
        db.RepositoryGeneration.AsNoTracking().Where(g => g.Id == RepositoryGenerationRecord.SingletonId).Select(g => g.Generation)
            .SingleAsync(cancellationToken);

    /// <summary>
    /// Increments the generation inside the caller's transaction and returns the new value. The update locks the row
    /// (PostgreSQL) or the database (SQLite) until the transaction ends, so a second caller waits here for the first.
    /// </summary>
    public static async Task<long> IncrementGenerationAsync(this UpdateServerDbContext db, CancellationToken cancellationToken)
    {
        var updated = await db.RepositoryGeneration.Where(g => g.Id == RepositoryGenerationRecord.SingletonId)
            .ExecuteUpdateAsync(setters => setters.SetProperty(g => g.Generation, g => g.Generation + 1), cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException("The repository generation row is missing; the database was not migrated.");
        }

        return await db.CurrentGenerationAsync(cancellationToken);
    }
}
