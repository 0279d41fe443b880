using UpdateServer.Packaging.Repository;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Repository;

public sealed class BootstrapTests
{
    [Fact]
    public async Task RefusesToStartWithTargetsNotSignedByRootsTargetsKey()
    {
        await using var server = new UpdateServerFactory();
        var forged = Metadata.Create(new TargetsMetadata { Version = 2, Expires = server.Clock.GetUtcNow().AddDays(30) }).Sign(SigningKey.Generate());
        await File.WriteAllBytesAsync(Path.Combine(server.Repository.ServerDirectory, ServerRepositoryFiles.Targets), forged.ToBytes(),
            TestContext.Current.CancellationToken);

        var error = Assert.ThrowsAny<Exception>(() => server.BaseAddress);

        Assert.Contains("not signed by the targets role", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesToStartWithAnOnlineKeyRootDoesNotList()
    {
        await using var server = new UpdateServerFactory();
        await File.WriteAllTextAsync(Path.Combine(server.Repository.ServerDirectory, ServerRepositoryFiles.TimestampKey), SigningKey.Generate().ToPem(),
            TestContext.Current.CancellationToken);

        var error = Assert.ThrowsAny<Exception>(() => server.BaseAddress);

        Assert.Contains("online timestamp key", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesToStartWhenTheRepositoryFolderIsMissing()
    {
        await using var server = new UpdateServerFactory(new Dictionary<string, string> { ["Repository:Directory"] = "/nonexistent/repo" });

        var error = Assert.ThrowsAny<Exception>(() => server.BaseAddress);

        Assert.Contains("/nonexistent/repo", Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error) => string.Join(" | ", Enumerate(error).Select(e => e.Message));

    private static IEnumerable<Exception> Enumerate(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException!)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Enumerate))
                {
                    yield return inner;
                }
            }
        }
    }
}
