using Microsoft.Extensions.Options;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Repository;

namespace UpdateServer.Server.Tests.Repository;

/// <summary>Which online key signs: the one root names, read from the folder again when a rotation put a new file there.</summary>
public sealed class OnlineKeysTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("us-online-keys-").FullName;
    private readonly SigningKey _snapshot = SigningKey.Generate();
    private readonly SigningKey _timestamp = SigningKey.Generate();

    public OnlineKeysTests()
    {
        File.WriteAllText(Path.Combine(_folder, "snapshot.key"), _snapshot.ToPem());
        File.WriteAllText(Path.Combine(_folder, "timestamp.key"), _timestamp.ToPem());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void PicksTheKeysRootNames()
    {
        var keys = new OnlineKeys(Options.Create(new RepositoryOptions { Directory = _folder }));

        var (snapshot, timestamp) = keys.For(Root(_snapshot, _timestamp));

        Assert.Equal((_snapshot.KeyId, _timestamp.KeyId), (snapshot.KeyId, timestamp.KeyId));
    }

    [Fact]
    public void ReadsTheFolderAgainWhenRootNamesAKeyNotReadBefore()
    {
        var keys = new OnlineKeys(Options.Create(new RepositoryOptions { Directory = _folder }));
        _ = keys.For(Root(_snapshot, _timestamp));
        var rotated = SigningKey.Generate();
        File.WriteAllText(Path.Combine(_folder, $"timestamp-{rotated.KeyId[..12]}.key"), rotated.ToPem());

        var (_, timestamp) = keys.For(Root(_snapshot, rotated));

        Assert.Equal(rotated.KeyId, timestamp.KeyId);
    }

    [Fact]
    public void RefusesWhenNoFileHoldsTheKeyRootNames()
    {
        var keys = new OnlineKeys(Options.Create(new RepositoryOptions { Directory = _folder }));

        var error = Assert.Throws<InvalidOperationException>(() => keys.For(Root(_snapshot, SigningKey.Generate())));

        Assert.Contains("online timestamp key", error.Message, StringComparison.Ordinal);
    }

    private static RootMetadata Root(SigningKey snapshot, SigningKey timestamp)
    {
        var offline = SigningKey.Generate();
        return new RootMetadata
        {
            Expires = DateTimeOffset.UnixEpoch.AddYears(100),
            Keys = new[] { offline, snapshot, timestamp }.DistinctBy(k => k.KeyId).ToDictionary(k => k.KeyId, k => k.PublicKey),
            Roles = new Dictionary<string, RoleKeys>
            {
                [RoleNames.Root] = new([offline.KeyId], 1),
                [RoleNames.Targets] = new([offline.KeyId], 1),
                [RoleNames.Snapshot] = new([snapshot.KeyId], 1),
                [RoleNames.Timestamp] = new([timestamp.KeyId], 1),
            },
        };
    }
}
