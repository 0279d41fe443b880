using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using UpdateServer.Server.Data.Sqlite;
using UpdateServer.Server.Repository;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Repository;

/// <summary>
/// The repository state while the database is away: the state held before is served, the database is asked again at
/// most once per retry interval, and the first read after it answers brings the newest generation.
/// </summary>
public sealed class RepositoryStateCacheTests : ServerTestBase
{
    [Fact]
    public async Task ServesTheHeldStateWhileTheDatabaseCannotBeReadAndCatchesUpWhenItCan()
    {
        _ = Server.BaseAddress;
        var databaseReachable = true;
        var contextsOpened = 0;
        // A database file in a folder that does not exist: every query fails with the provider's own DbException.
        var unreachable = new DbContextOptionsBuilder<SqliteUpdateServerDbContext>()
            .UseSqlite($"Data Source={Path.Combine(Server.DataDirectory, "no-such-folder", "updateserver.db")}").Options;
        await using var services = new ServiceCollection()
            .AddScoped(_ =>
            {
                Interlocked.Increment(ref contextsOpened);
                return databaseReachable ? Server.Backend.OpenDatabase() : new SqliteUpdateServerDbContext(unreachable);
            })
            .BuildServiceProvider();
        using var logs = new LogCapture();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));
        var clock = new FakeTimeProvider(Server.Clock.GetUtcNow());
        using var cache = new RepositoryStateCache(services.GetRequiredService<IServiceScopeFactory>(), clock, loggers.CreateLogger<RepositoryStateCache>());
        var held = await cache.GetAsync(Ct);

        databaseReachable = false;
        var publication = Acme();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        var targetPath = Assert.Single(publication.Targets.Keys);
        (await PublishAsync(publication)).EnsureSuccessStatusCode();
        cache.Observe(held.Generation + 1);
        var whileAway = await cache.GetAsync(Ct);
        var opened = contextsOpened;
        var withinRetryInterval = await cache.GetAsync(Ct);

        Assert.Same(held, whileAway);
        Assert.Same(held, withinRetryInterval);
        Assert.Equal(opened, contextsOpened);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains($"serving generation {held.Generation}", StringComparison.Ordinal));

        databaseReachable = true;
        clock.Advance(TimeSpan.FromSeconds(2));
        var caughtUp = await cache.GetAsync(Ct);

        Assert.Equal(held.Generation + 1, caughtUp.Generation);
        Assert.Null(held.Catalog.FindByTargetPath(targetPath));
        Assert.NotNull(caughtUp.Catalog.FindByTargetPath(targetPath));
    }
}
