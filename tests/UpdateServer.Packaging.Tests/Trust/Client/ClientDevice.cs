using Microsoft.Extensions.Time.Testing;
using UpdateServer.Packaging.Trust.Client;

namespace UpdateServer.Packaging.Tests.Trust.Client;

/// <summary>
/// A device running the TUF client against a <see cref="SimulatedRepository"/>: it was shipped with the
/// repository's <c>1.root.json</c>, keeps its trusted metadata in memory, and its clock reads
/// <see cref="SimulatedRepository.Epoch"/> until a test moves it.
/// </summary>
public sealed class ClientDevice
{
    public ClientDevice(SimulatedRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        Repository = repository;
        Store.Write("root", repository.File("1.root.json"));
    }

    public SimulatedRepository Repository { get; }

    public InMemoryMetadataStore Store { get; } = new();

    public FakeTimeProvider Clock { get; } = new(SimulatedRepository.Epoch);

    /// <summary>A new client (one update, one fixed start time) over this device's store and clock.</summary>
    public TufClient NewClient(TufClientOptions? options = null) => new(Repository, Store, Clock, options);

    /// <summary>Runs one refresh with a new client and returns it.</summary>
    public async Task<TufClient> RefreshAsync(TufClientOptions? options = null)
    {
        var client = NewClient(options);
        await client.RefreshAsync(TestContext.Current.CancellationToken);
        return client;
    }

    /// <summary>Refreshes, then forgets what was requested, so a test sees only the requests of what follows.</summary>
    public async Task SettleAsync()
    {
        await RefreshAsync();
        Repository.ClearRequests();
    }
}
