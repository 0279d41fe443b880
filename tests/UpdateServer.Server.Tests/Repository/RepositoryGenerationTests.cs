using Microsoft.Extensions.DependencyInjection;
using UpdateServer.Server.Data;
using UpdateServer.Server.Repository;
using UpdateServer.Server.Tests.Support;

namespace UpdateServer.Server.Tests.Repository;

/// <summary>The repository generation: counted by every change, and the database lock that makes changes take turns.</summary>
public sealed class RepositoryGenerationTests : ServerTestBase
{
    [Fact]
    public async Task EveryPublishAndEveryRefreshCommitsTheNextGeneration()
    {
        var start = await GenerationAsync();
        var publication = Acme();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");

        (await PublishAsync(publication)).EnsureSuccessStatusCode();
        var afterPublish = await GenerationAsync();
        Server.Clock.Advance(TimeSpan.FromDays(1));
        await Server.Services.GetRequiredService<ExpiryRefresher>().RefreshIfDueAsync(Ct);

        Assert.Equal(start + 1, afterPublish);
        Assert.Equal(start + 2, await GenerationAsync());
    }

    [Fact]
    public async Task ASecondRepositoryTransactionWaitsUntilTheFirstEnds()
    {
        _ = Server.BaseAddress;
        var changes = Server.Services.GetRequiredService<RepositoryChanges>();
        await using var firstScope = Server.Services.CreateAsyncScope();
        await using var secondScope = Server.Services.CreateAsyncScope();
        var first = await changes.BeginAsync(firstScope.ServiceProvider.GetRequiredService<UpdateServerDbContext>(), Ct);

        // On its own thread: SQLite's provider waits for a lock synchronously, even in its async methods.
        var second = Task.Run(() => changes.BeginAsync(secondScope.ServiceProvider.GetRequiredService<UpdateServerDbContext>(), Ct), Ct);
        await Task.Delay(500, Ct);
        var waited = !second.IsCompleted;
        await first.CommitAsync(Ct);
        await using var secondTransaction = await second.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.True(waited, "the second transaction did not wait for the lock");
        Assert.Equal(first.Generation + 1, secondTransaction.Generation);
        await first.DisposeAsync();
    }

    [Fact]
    public async Task ARolledBackChangeLeavesTheGenerationAndTheServedStateAlone()
    {
        var before = await GenerationAsync();
        var timestamp = await Http.GetByteArrayAsync("/tuf/metadata/timestamp.json", Ct);
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>();
            await using var transaction = await Server.Services.GetRequiredService<RepositoryChanges>().BeginAsync(db, Ct);
            await scope.ServiceProvider.GetRequiredService<OnlineSigner>().SignTimestampAsync(transaction, Ct);
        }

        Assert.Equal(before, await GenerationAsync());
        Assert.Equal(timestamp, await Http.GetByteArrayAsync("/tuf/metadata/timestamp.json", Ct));
    }

    private async Task<long> GenerationAsync()
    {
        _ = Server.BaseAddress;
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>().CurrentGenerationAsync(Ct);
    }
}
