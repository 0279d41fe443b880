using System.Text;
using System.Text.Json.Nodes;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.Packaging.Tests.Trust.Client;

/// <summary>
/// Fields this client does not know stay part of what the signatures cover (TUF spec 4): one added after signing
/// breaks the signature; one that was signed is accepted and persisted as received.
/// </summary>
public class UnrecognizedFieldTests
{
    private const string Field = "x-vendor-note";

    [Theory]
    [InlineData("root", "2.root.json")]
    [InlineData("timestamp", "timestamp.json")]
    [InlineData("snapshot", "2.snapshot.json")]
    [InlineData("targets", "2.targets.json")]
    public async Task RefusesFieldAddedAfterSigning(string role, string fileName)
    {
        var (repository, device) = await SettledAsync();
        var before = device.Store.Fingerprints();
        repository.Role(role).AfterSigning = file => MetadataTamper.AddSignedField(file, Field, "added by a mirror");
        PublishNextVersion(repository, role);

        await Assert.ThrowsAsync<SignatureThresholdNotMetException>(() => device.RefreshAsync());

        Assert.Equal(fileName, repository.Requests[^1]);
        Assert.Equal(before.Single(f => f.StartsWith(role + "=", StringComparison.Ordinal)),
            device.Store.Fingerprints().Single(f => f.StartsWith(role + "=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("root", "2.root.json")]
    [InlineData("timestamp", "timestamp.json")]
    [InlineData("snapshot", "2.snapshot.json")]
    [InlineData("targets", "2.targets.json")]
    public async Task AcceptsSignedFieldAndPersistsItAsReceived(string role, string fileName)
    {
        var (repository, device) = await SettledAsync();
        repository.Role(role).UnrecognizedFields = new JsonObject { [Field] = new JsonObject { ["nested"] = new JsonArray(1, 2) } };
        PublishNextVersion(repository, role);

        await device.RefreshAsync();

        var stored = device.Store.Read(role)!;
        Assert.Equal(repository.File(fileName), stored);
        Assert.Contains($"\"{Field}\":{{\"nested\":[1,2]}}", Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
    }

    private static async Task<(SimulatedRepository, ClientDevice)> SettledAsync()
    {
        var repository = new SimulatedRepository();
        repository.Publish();
        var device = new ClientDevice(repository);
        await device.SettleAsync();
        return (repository, device);
    }

    private static void PublishNextVersion(SimulatedRepository repository, string role)
    {
        if (role == "root")
        {
            repository.PublishRoot();
        }
        else
        {
            repository.PublishUpdate(repository.Targets);
        }
    }
}
