using Microsoft.Extensions.Logging;
using UpdateServer.Packaging.Repository;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Repository;

public sealed class BootstrapTests
{
    [Fact]
    public async Task AFirstStartOnANewDatabaseLogsNoErrors()
    {
        await using var server = new UpdateServerFactory();

        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        (await http.GetAsync("/tuf/metadata/timestamp.json", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        Assert.Empty(server.Logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message}"));
    }

    [Fact]
    public async Task StartsAgainOnAMigratedDatabase()
    {
        await using var first = new UpdateServerFactory();
        _ = first.BaseAddress;
        await using var second = await first.RestartAsync();

        using var http = new HttpClient { BaseAddress = second.BaseAddress };

        (await http.GetAsync("/tuf/metadata/timestamp.json", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        Assert.Empty(second.Logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message}"));
    }

    [Fact]
    public async Task RefusesToStartWithTargetsNotSignedByRootsTargetsKey()
    {
        await using var server = new UpdateServerFactory();
        var forged = Metadata.Create(new TargetsMetadata { Version = 2, Expires = server.Clock.GetUtcNow().AddDays(30) }).Sign(SigningKey.Generate());
        await File.WriteAllBytesAsync(Path.Combine(server.Repository.ServerDirectory, ServerRepositoryFiles.Targets), forged.ToBytes(),
            TestContext.Current.CancellationToken);

        var error = Assert.ThrowsAny<Exception>(() => server.BaseAddress);

        Assert.Contains("not signed by the targets role", StartupFailure.Describe(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesToStartWithAnOnlineKeyRootDoesNotList()
    {
        await using var server = new UpdateServerFactory();
        await File.WriteAllTextAsync(Path.Combine(server.Repository.ServerDirectory, ServerRepositoryFiles.TimestampKey), SigningKey.Generate().ToPem(),
            TestContext.Current.CancellationToken);

        var error = Assert.ThrowsAny<Exception>(() => server.BaseAddress);

        Assert.Contains("online timestamp key", StartupFailure.Describe(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026")]
    [InlineData("9lives")]
    public async Task RefusesToStartWithAVendorNameStartingWithADigit(string name)
    {
        await using var server = new UpdateServerFactory();
        await File.WriteAllBytesAsync(Path.Combine(server.Repository.ServerDirectory, ServerRepositoryFiles.Vendors),
            new VendorList(1, [new VendorRegistration(name, VendorRegistration.HashApiKey(VendorRegistration.NewApiKey()))]).ToBytes(),
            TestContext.Current.CancellationToken);

        var error = Assert.ThrowsAny<Exception>(() => server.BaseAddress);

        Assert.Contains($"\"{name}\" needs a name", StartupFailure.Describe(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesToStartWithTwoDifferentRootFilesOfOneVersion()
    {
        await using var server = new UpdateServerFactory();
        var root = Metadata.FromBytes<RootMetadata>(server.Repository.RootBytes).Signed;
        var other = Metadata.Create(root with { Expires = root.Expires.AddDays(1) }).Sign(server.Repository.RootKey);
        await File.WriteAllBytesAsync(Path.Combine(server.Repository.ServerDirectory, "1.root.json"), other.ToBytes(), TestContext.Current.CancellationToken);

        var error = Assert.ThrowsAny<Exception>(() => server.BaseAddress);

        Assert.Contains("Two different root files claim version 1", StartupFailure.Describe(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesToStartWhenTheRepositoryFolderIsMissing()
    {
        await using var server = new UpdateServerFactory(new Dictionary<string, string> { ["Repository:Directory"] = "/nonexistent/repo" });

        var error = Assert.ThrowsAny<Exception>(() => server.BaseAddress);

        Assert.Contains("/nonexistent/repo", StartupFailure.Describe(error), StringComparison.Ordinal);
    }
}
