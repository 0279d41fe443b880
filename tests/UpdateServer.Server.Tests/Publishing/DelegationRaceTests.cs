using System.Net;
using Microsoft.Extensions.DependencyInjection;
using UpdateServer.Server.Data;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Publishing;
using UpdateServer.Server.Repository;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Publishing;

/// <summary>
/// A publish is checked against the delegations of one targets.json and committed later; when another instance imports
/// a new targets.json in between, the commit is refused (409) and nothing of the publish becomes visible.
/// </summary>
public sealed class DelegationRaceTests : ServerTestBase
{
    [Fact]
    public async Task APublishWhoseDelegationsChangedBeforeItsCommitIsRefusedAndASecondTrySucceeds()
    {
        var publication = Acme();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        var before = await RepositoryProbe.TakeAsync(Server);
        var publishLock = Server.Services.GetRequiredService<PublishLock>();
        Task<HttpResponseMessage> publish;
        using (await publishLock.AcquireAsync(Ct))
        {
            publish = PublishAsync(publication);

            // The package is stored before the commit waits for this process's publish lock: the upload has been checked.
            while (await Server.Backend.CountBlobsAsync(Ct) == before.Blobs)
            {
                Assert.False(publish.IsCompleted, "the publish ended before reaching its commit");
                await Task.Delay(20, Ct);
            }

            // Another instance, which does not share this process's lock, imports targets.json version 2.
            await using var scope = Server.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>();
            await using var transaction = await Server.Services.GetRequiredService<RepositoryChanges>().BeginAsync(db, Ct);
            var documents = new OperatorDocuments(Server.Repository, Server.Clock.GetUtcNow());
            await scope.ServiceProvider.GetRequiredService<RepositoryImporter>()
                .ImportAsync(transaction, new RepositoryDocuments(DocumentOrigin.Push, [], documents.Targets(2), null), Ct);
            await transaction.CommitAsync(Ct);
        }

        using (var refused = await publish)
        {
            var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict, ProblemTypes.Conflict);
            Assert.Contains("targets.json changed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(before.Releases, (await RepositoryProbe.TakeAsync(Server)).Releases);
        using var retried = await PublishAsync(publication);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(before.Releases + 1, (await RepositoryProbe.TakeAsync(Server)).Releases);
    }
}
