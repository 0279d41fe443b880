using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using UpdateServer.Server.Caching.Memory;
using UpdateServer.Server.Caching.Redis;
using UpdateServer.Server.Data;
using UpdateServer.Server.Repository;
using UpdateServer.Server.Storage;
using UpdateServer.Server.Storage.AzureBlob;
using UpdateServer.Server.Storage.FileSystem;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing.Backends;

namespace UpdateServer.Server.Tests.Backends;

/// <summary>The server runs on the backend its configuration names — and this run of the suite on the one it means to test.</summary>
public sealed class BackendSelectionTests : ServerTestBase
{
    [Fact]
    public async Task RunsOnTheDatabaseBlobStoreAndCacheTheConfigurationNames()
    {
        _ = Server.BaseAddress;
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>();
        var blobs = Server.Services.GetRequiredService<IBlobStore>();
        var cache = Server.Services.GetRequiredService<IDistributedCache>();
        var feed = Server.Services.GetRequiredService<IRepositoryChangeFeed>();

        if (TestBackend.UsesServices)
        {
            Assert.True(db.Database.IsNpgsql());
            Assert.IsType<AzureBlobStore>(blobs);
            Assert.IsType<BestEffortRedisCache>(cache); // RedisCache behind it
            Assert.IsType<RedisChangeFeed>(feed);
        }
        else
        {
            Assert.True(db.Database.IsSqlite());
            Assert.IsType<FileSystemBlobStore>(blobs);
            Assert.IsType<MemoryDistributedCache>(cache);
            Assert.IsType<InProcessChangeFeed>(feed);
        }

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
    }
}
