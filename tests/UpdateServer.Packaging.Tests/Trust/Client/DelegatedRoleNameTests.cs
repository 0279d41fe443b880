using Microsoft.Extensions.Time.Testing;
using UpdateServer.Packaging.Trust.Client;

namespace UpdateServer.Packaging.Tests.Trust.Client;

/// <summary>Role names come from metadata: they are requested URL-escaped and stored as one file in the metadata folder.</summary>
public sealed class DelegatedRoleNameTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    [Theory]
    [InlineData("?", "1.%3F.json", "%3F.json")]
    [InlineData("#", "1.%23.json", "%23.json")]
    [InlineData("/delegatedrole", "1.%2Fdelegatedrole.json", "%2Fdelegatedrole.json")]
    [InlineData("../delegatedrole", "1...%2Fdelegatedrole.json", "..%2Fdelegatedrole.json")]
    [InlineData("..", "1....json", "...json")]
    [InlineData("a b%c", "1.a%20b%25c.json", "a%20b%25c.json")]
    public async Task RequestsEscapedNameAndStoresItInsideTheMetadataFolder(string role, string requested, string stored)
    {
        var repository = new SimulatedRepository();
        repository.Delegate("targets", role);
        var listed = repository.AddTarget(role, "file.txt", [1]);
        repository.Publish();
        var store = new DirectoryMetadataStore(Path.Combine(_temp.Path, "metadata"));
        store.Write("root", repository.File("1.root.json"));
        var client = new TufClient(repository, store, new FakeTimeProvider(SimulatedRepository.Epoch));
        await client.RefreshAsync(TestContext.Current.CancellationToken);

        var found = await client.FindTargetAsync("file.txt", TestContext.Current.CancellationToken);

        Assert.Equal(listed.Sha256, found?.Sha256);
        Assert.Equal(requested, repository.Requests[^1]);
        Assert.Equal(["metadata"], _temp.Entries());
        Assert.Equal(new[] { "root.json", "snapshot.json", "targets.json", "timestamp.json", stored }.Order(StringComparer.Ordinal),
            _temp.Entries("metadata"));
        Assert.Equal(repository.File(requested), store.Read(role));
    }

    public void Dispose() => _temp.Dispose();
}
