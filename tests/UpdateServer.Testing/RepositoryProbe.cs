using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpdateServer.Packaging.Trust;
using UpdateServer.Server.Data;

namespace UpdateServer.Testing;

/// <summary>Looks into the server's database and blob store, to prove that a refused publish changed nothing.</summary>
public static class RepositoryProbe
{
    public sealed record Picture(long SnapshotVersion, long TimestampVersion, int MetadataRecords, int Releases, int Blobs);

    public static async Task<Picture> TakeAsync(UpdateServerFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>();
        var blobs = await factory.Backend.CountBlobsAsync(TestContext.Current.CancellationToken);
        return new Picture(
            await db.Metadata.Where(m => m.Role == RoleNames.Snapshot).MaxAsync(m => m.Version),
            await db.Metadata.Where(m => m.Role == RoleNames.Timestamp).MaxAsync(m => m.Version),
            await db.Metadata.CountAsync(),
            await db.Releases.CountAsync(r => r.RemovedAt == null),
            blobs);
    }
}
