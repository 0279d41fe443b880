using Azure.Storage.Blobs;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UpdateServer.Server.Data;
using UpdateServer.Server.Data.PostgreSql;

namespace UpdateServer.Testing.Backends;

/// <summary>
/// PostgreSQL, Azure Blob Storage (Azurite) and Redis as <c>scripts/services/start.sh</c> started them, found through
/// the variables it writes. Each backend gets a database, a container and a Redis prefix of its own, so tests running
/// side by side never see each other's data; disposing it drops the database and the container.
/// </summary>
public sealed class SharedServicesBackend : TestBackend
{
    private const string PostgresVariable = "UPDATESERVER_TEST_POSTGRES";
    private const string AzuriteVariable = "UPDATESERVER_TEST_AZURITE";
    private const string RedisVariable = "UPDATESERVER_TEST_REDIS";

    private readonly string _adminConnectionString;
    private readonly string _database;
    private readonly BlobContainerClient _container;

    private SharedServicesBackend(string postgres, string azurite, string redis)
    {
        var name = "us_" + Guid.NewGuid().ToString("N");
        _adminConnectionString = postgres;
        _database = name;
        _container = new BlobContainerClient(azurite, name.Replace('_', '-'));
        ConnectionString = new NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString;
        Settings = new Dictionary<string, string>
        {
            ["Storage:Database"] = "PostgreSql",
            ["Storage:ConnectionString"] = ConnectionString,
            ["Storage:BlobStore"] = "AzureBlob",
            ["Storage:AzureBlob:ConnectionString"] = azurite,
            ["Storage:AzureBlob:Container"] = _container.Name,
            ["Cache:Provider"] = "Redis",
            ["Cache:Redis:Configuration"] = redis,
            ["Cache:Redis:InstanceName"] = name + ":",
        };
    }

    public override IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The connection string of this backend's own database.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates the database (the server migrates it); the container is created by the server's first upload.</summary>
    public static SharedServicesBackend Create()
    {
        var backend = new SharedServicesBackend(Required(PostgresVariable), Required(AzuriteVariable), Required(RedisVariable));
        using var connection = new NpgsqlConnection(backend._adminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{backend._database}\"", connection);
        command.ExecuteNonQuery();
        return backend;
    }

    public override UpdateServerDbContext OpenDatabase() => new PostgreSqlUpdateServerDbContext(
        new DbContextOptionsBuilder<PostgreSqlUpdateServerDbContext>().UseNpgsql(ConnectionString).Options);

    public override async Task<int> CountBlobsAsync(CancellationToken cancellationToken)
    {
        if (!await _container.ExistsAsync(cancellationToken))
        {
            return 0;
        }

        var count = 0;
        await foreach (var _ in _container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    public override async Task<byte[]> ReadBlobAsync(string key, CancellationToken cancellationToken) =>
        (await _container.GetBlobClient(key).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();

    public override Task OverwriteBlobAsync(string key, byte[] bytes, CancellationToken cancellationToken) =>
        _container.GetBlobClient(key).UploadAsync(new BinaryData(bytes), overwrite: true, cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await _container.DeleteIfExistsAsync();
        await using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Required(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            $"{variable} is not set: the services backend needs PostgreSQL, Azurite and Redis running (scripts/test.sh starts them with scripts/services/start.sh).");
}
