using UpdateServer.Server.Data;

namespace UpdateServer.Testing.Backends;

/// <summary>
/// The database, blob store and cache one server under test runs on (or several servers that share them), and what
/// tests need to look into them. Which kind is chosen by <c>UPDATESERVER_TEST_BACKEND</c>: <c>embedded</c> (the default:
/// SQLite and files in the server's data folder, memory cache) or <c>services</c> (PostgreSQL, Azurite and Redis as
/// <c>scripts/services/start.sh</c> started them, a database, container and key prefix of its own per backend).
/// </summary>
public abstract class TestBackend : IAsyncDisposable
{
    public const string Variable = "UPDATESERVER_TEST_BACKEND";

    /// <summary>True when the suite runs on PostgreSQL, Azurite and Redis.</summary>
    public static bool UsesServices => Environment.GetEnvironmentVariable(Variable) is "services";

    /// <summary>Server settings (configuration key → value) that select and reach this backend.</summary>
    public abstract IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>A backend of the kind <c>UPDATESERVER_TEST_BACKEND</c> names, for a server whose data folder is <paramref name="dataDirectory"/>.</summary>
    public static TestBackend Create(string dataDirectory) => Environment.GetEnvironmentVariable(Variable) switch
    {
        null or "" or "embedded" => new EmbeddedBackend(dataDirectory),
        "services" => SharedServicesBackend.Create(),
        var other => throw new InvalidOperationException($"{Variable}={other}: expected 'embedded' or 'services'."),
    };

    /// <summary>A database context on this backend's database, for tests that look into it from outside the server.</summary>
    public abstract UpdateServerDbContext OpenDatabase();

    /// <summary>How many blobs the store holds.</summary>
    public abstract Task<int> CountBlobsAsync(CancellationToken cancellationToken);

    /// <summary>The bytes of a blob, e.g. <c>targets/&lt;sha256&gt;</c>.</summary>
    public abstract Task<byte[]> ReadBlobAsync(string key, CancellationToken cancellationToken);

    /// <summary>Replaces a blob's bytes behind the server's back (an attacker with access to the storage).</summary>
    public abstract Task OverwriteBlobAsync(string key, byte[] bytes, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
