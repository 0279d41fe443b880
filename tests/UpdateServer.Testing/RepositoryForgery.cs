using Microsoft.Extensions.DependencyInjection;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;
using UpdateServer.Server.Data;
using UpdateServer.Server.Repository;
using UpdateServer.Server.Storage;

namespace UpdateServer.Testing;

/// <summary>
/// Plays an attacker who controls the server (its database, blobs and online keys) and holds one vendor key:
/// writes vendor metadata straight into the repository, bypassing every publish check, and signs a new
/// snapshot and timestamp with the online keys.
/// </summary>
public static class RepositoryForgery
{
    public static async Task PlantAsync(UpdateServerFactory server, string vendor, long version, Publication publication, byte[] package)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>();
        await using var transaction = await scope.ServiceProvider.GetRequiredService<RepositoryChanges>().BeginAsync(db, cancellationToken);
        var metadata = Metadata.FromBytes<TargetsMetadata>(publication.SignedMetadata());
        await scope.ServiceProvider.GetRequiredService<IBlobStore>()
            .PutAsync(BlobKeys.ForTarget(FileHashes.Sha256Hex(package)), new MemoryStream(package), cancellationToken);
        db.Metadata.Add(metadata.ToRecordOf(publication.SignedMetadata(), vendor, server.Clock.GetUtcNow()));
        foreach (var (path, target) in metadata.Signed.Targets)
        {
            var facts = ReleaseFacts.FromCustom(target.Custom);
            db.Releases.Add(new ReleaseRecord
            {
                Vendor = vendor,
                TargetPath = path,
                Product = facts.Product,
                Version = facts.Version.ToFullString(),
                Kind = facts.Kind,
                Channel = facts.Channel,
                State = facts.State,
                Length = target.Length,
                Sha256 = target.Sha256,
                CustomJson = target.Custom!.ToJsonString(),
                MetadataVersion = version,
                PublishedAt = server.Clock.GetUtcNow(),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<OnlineSigner>().SignSnapshotAndTimestampAsync(transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
