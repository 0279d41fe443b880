using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Packaging.Tests.Trust.Client;

/// <summary>The pre-order depth-first search of the delegation graph (TUF spec 5.6.7).</summary>
public class DelegationSearchTests
{
    private const string Path = "file.txt";

    [Theory]
    [InlineData(true, new[] { "1.a.json", "1.c.json", "1.d.json", "1.b.json", "1.e.json" })]
    [InlineData(false, new[] { "a.json", "c.json", "d.json", "b.json", "e.json" })]
    public async Task SearchesDelegationsDepthFirstInListedOrder(bool consistentSnapshot, string[] expected)
    {
        var repository = new SimulatedRepository(consistentSnapshot);
        repository.Delegate("targets", "a");
        repository.Delegate("targets", "b");
        repository.Delegate("a", "c");
        repository.Delegate("a", "d");
        repository.Delegate("b", "e");
        var listed = repository.AddTarget("e", Path, [5]);

        var (client, _) = await SettledClientAsync(repository);
        var found = await client.FindTargetAsync(Path, TestContext.Current.CancellationToken);

        Assert.Equal(listed.Sha256, found?.Sha256);
        Assert.Equal(expected, repository.Requests);
    }

    [Fact]
    public async Task EarlierDelegationWinsOverLaterOne()
    {
        var repository = new SimulatedRepository();
        repository.Delegate("targets", "a");
        repository.Delegate("targets", "b");
        var fromA = repository.AddTarget("a", Path, [1]);
        repository.AddTarget("b", Path, [2, 2]);

        var (client, _) = await SettledClientAsync(repository);
        var found = await client.FindTargetAsync(Path, TestContext.Current.CancellationToken);

        Assert.Equal(fromA.Sha256, found?.Sha256);
        Assert.Equal(["1.a.json"], repository.Requests);
    }

    [Fact]
    public async Task RoleOwnTargetWinsOverItsDelegations()
    {
        var repository = new SimulatedRepository();
        repository.Delegate("targets", "a");
        var own = repository.AddTarget("targets", Path, [1]);
        repository.AddTarget("a", Path, [2, 2]);

        var (client, _) = await SettledClientAsync(repository);
        var found = await client.FindTargetAsync(Path, TestContext.Current.CancellationToken);

        Assert.Equal(own.Sha256, found?.Sha256);
        Assert.Empty(repository.Requests);
    }

    [Fact]
    public async Task TerminatingDelegationEndsSearchAfterItsSubtree()
    {
        var repository = new SimulatedRepository();
        repository.Delegate("targets", "a", terminating: true);
        repository.Delegate("targets", "b");
        repository.Delegate("a", "c");
        repository.AddTarget("b", Path, [1]);

        var (client, _) = await SettledClientAsync(repository);
        var found = await client.FindTargetAsync(Path, TestContext.Current.CancellationToken);

        Assert.Null(found);
        Assert.Equal(["1.a.json", "1.c.json"], repository.Requests);
    }

    [Fact]
    public async Task NestedTerminatingDelegationEndsTheWholeSearch()
    {
        var repository = new SimulatedRepository();
        repository.Delegate("targets", "a");
        repository.Delegate("targets", "b");
        repository.Delegate("a", "c", terminating: true);
        repository.Delegate("a", "d");
        repository.AddTarget("b", Path, [1]);
        repository.AddTarget("d", Path, [2]);

        var (client, _) = await SettledClientAsync(repository);
        var found = await client.FindTargetAsync(Path, TestContext.Current.CancellationToken);

        Assert.Null(found);
        Assert.Equal(["1.a.json", "1.c.json"], repository.Requests);
    }

    [Fact]
    public async Task TerminatingDelegationForOtherPathsDoesNotEndSearch()
    {
        var repository = new SimulatedRepository();
        repository.Delegate("targets", "a", paths: ["other/*"], terminating: true);
        repository.Delegate("targets", "b");
        var listed = repository.AddTarget("b", Path, [1]);

        var (client, _) = await SettledClientAsync(repository);
        var found = await client.FindTargetAsync(Path, TestContext.Current.CancellationToken);

        Assert.Equal(listed.Sha256, found?.Sha256);
        Assert.Equal(["1.b.json"], repository.Requests);
    }

    [Fact]
    public async Task SearchEndsOnDelegationCycle()
    {
        var repository = new SimulatedRepository();
        repository.Delegate("targets", "a");
        repository.Delegate("a", "b");
        repository.Delegate("b", "a");
        repository.Delegate("b", "b");

        var (client, _) = await SettledClientAsync(repository);
        var found = await client.FindTargetAsync(Path, TestContext.Current.CancellationToken);

        Assert.Null(found);
        Assert.Equal(["1.a.json", "1.b.json"], repository.Requests);
    }

    [Theory]
    [InlineData(4, true, new[] { "1.r1.json", "1.r2.json", "1.r3.json" })]
    [InlineData(3, false, new[] { "1.r1.json", "1.r2.json" })]
    [InlineData(1, false, new string[0])]
    public async Task StopsSearchAfterMaxDelegations(int maxDelegations, bool found, string[] expected)
    {
        var repository = new SimulatedRepository();
        repository.Delegate("targets", "r1");
        repository.Delegate("r1", "r2");
        repository.Delegate("r2", "r3");
        repository.AddTarget("r3", Path, [3]);

        var (client, _) = await SettledClientAsync(repository, new TufClientOptions { MaxDelegations = maxDelegations });
        var target = await client.FindTargetAsync(Path, TestContext.Current.CancellationToken);

        Assert.Equal(found, target is not null);
        Assert.Equal(expected, repository.Requests);
    }

    [Fact]
    public async Task RefusesDelegatedRoleMissingFromSnapshot()
    {
        var repository = new SimulatedRepository();
        repository.Delegate("targets", "a").ListedInSnapshot = false;
        repository.AddTarget("a", Path, [1]);

        var (client, device) = await SettledClientAsync(repository);

        await Assert.ThrowsAsync<RepositoryInconsistencyException>(
            () => client.FindTargetAsync(Path, TestContext.Current.CancellationToken));
        Assert.Empty(repository.Requests);
        Assert.Null(device.Store.Read("a"));
    }

    [Fact]
    public async Task RefusesDelegatedMetadataNotSignedByTheDelegatedKeys()
    {
        var repository = new SimulatedRepository();
        repository.Delegate("targets", "a").SignWith = [SigningKey.Generate()];
        repository.AddTarget("a", Path, [1]);

        var (client, device) = await SettledClientAsync(repository);

        await Assert.ThrowsAsync<SignatureThresholdNotMetException>(
            () => client.FindTargetAsync(Path, TestContext.Current.CancellationToken));
        Assert.Null(device.Store.Read("a"));
    }

    [Fact]
    public async Task RefusesDelegatedMetadataSignedByTheDelegatorInsteadOfTheDelegate()
    {
        var repository = new SimulatedRepository();
        repository.Delegate("targets", "a").SignWith = repository.Targets.Keys;
        repository.AddTarget("a", Path, [1]);

        var (client, device) = await SettledClientAsync(repository);

        await Assert.ThrowsAsync<SignatureThresholdNotMetException>(
            () => client.FindTargetAsync(Path, TestContext.Current.CancellationToken));
        Assert.Null(device.Store.Read("a"));
    }

    [Fact]
    public async Task PersistsDelegatedMetadataAndReusesItOnTheNextUpdate()
    {
        var repository = new SimulatedRepository();
        repository.Delegate("targets", "a");
        var listed = repository.AddTarget("a", Path, [1]);
        var (client, device) = await SettledClientAsync(repository);
        await client.FindTargetAsync(Path, TestContext.Current.CancellationToken);
        repository.ClearRequests();

        var next = await device.RefreshAsync();
        var found = await next.FindTargetAsync(Path, TestContext.Current.CancellationToken);

        Assert.Equal(listed.Sha256, found?.Sha256);
        Assert.Equal(repository.File("1.a.json"), device.Store.Read("a"));
        Assert.Equal(["2.root.json", "timestamp.json"], repository.Requests);
    }

    /// <summary>Publishes, refreshes a new device, and clears the requests so only the search's own remain.</summary>
    private static async Task<(TufClient, ClientDevice)> SettledClientAsync(SimulatedRepository repository, TufClientOptions? options = null)
    {
        repository.Publish();
        var device = new ClientDevice(repository);
        var client = await device.RefreshAsync(options);
        repository.ClearRequests();
        return (client, device);
    }
}
