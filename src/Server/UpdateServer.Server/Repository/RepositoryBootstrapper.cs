using Microsoft.Extensions.Options;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Administration;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Repository;

/// <summary>
/// Brings the database in line with the repository folder at start: applies migrations, then imports what the
/// folder offers (<see cref="RepositoryImporter"/>) and reads the operator keys. Refuses to start, with a message
/// naming the file, when anything does not verify.
/// </summary>
public sealed class RepositoryBootstrapper(IServiceScopeFactory scopes, IOptions<RepositoryOptions> options, OperatorKeys operators,
    RepositoryChanges changes)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>();
        await db.MigrateAsync(cancellationToken);
        if (!Directory.Exists(options.Value.Directory))
        {
            throw new InvalidOperationException($"{options.Value.Directory} does not exist (Repository:Directory should be the server folder 'upkg repo init' wrote).");
        }

        var documents = RepositoryDocuments.FromDirectory(options.Value.Directory);
        await using var transaction = await changes.BeginAsync(db, cancellationToken);
        try
        {
            await scope.ServiceProvider.GetRequiredService<RepositoryImporter>().ImportAsync(transaction, documents, cancellationToken);
        }
        catch (RepositoryImportException e)
        {
            throw new InvalidOperationException($"{options.Value.Directory}: {e.Message}", e);
        }

        await transaction.CommitAsync(cancellationToken);
        operators.Load(options.Value.Directory);
    }
}
