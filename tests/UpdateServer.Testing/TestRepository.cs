using UpdateServer.Packaging.Repository;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Testing;

/// <summary>
/// A repository folder as <c>upkg repo init</c> writes it, made directly with the library: root and targets
/// signed offline (targets with a threshold of two keys), delegations for vendors "acme" and "globex", online keys,
/// vendors.json (version 1) with API keys, operators.json with the operator's API key; optionally more vendors
/// (<see cref="MoreVendors"/>) for tests that need many publishers at once.
/// </summary>
public sealed class TestRepository : IDisposable
{
    /// <param name="now">The clock's time: metadata expires at the start of the next year.</param>
    /// <param name="moreVendors">How many vendors besides acme and globex to delegate to (<c>vendor01</c>, <c>vendor02</c>, …).</param>
    public TestRepository(DateTimeOffset now, int moreVendors = 0)
    {
        MoreVendors = [.. Enumerable.Range(1, moreVendors).Select(i => new TestVendor($"vendor{i:D2}", SigningKey.Generate(), VendorRegistration.NewApiKey()))];
        Directory = Path.Combine(Path.GetTempPath(), "us-repo-" + Guid.NewGuid().ToString("N"));
        ServerDirectory = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "server")).FullName;
        var expires = new DateTimeOffset(now.Year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var root = Metadata.Create(new RootMetadata
        {
            Expires = expires,
            Keys = new[] { RootKey, TargetsKey, SecondTargetsKey, SnapshotKey, TimestampKey }.ToDictionary(k => k.KeyId, k => k.PublicKey),
            Roles = new Dictionary<string, RoleKeys>
            {
                [RoleNames.Root] = new([RootKey.KeyId], 1),
                [RoleNames.Targets] = new([TargetsKey.KeyId, SecondTargetsKey.KeyId], 2),
                [RoleNames.Snapshot] = new([SnapshotKey.KeyId], 1),
                [RoleNames.Timestamp] = new([TimestampKey.KeyId], 1),
            },
        }).Sign(RootKey);
        var targets = Metadata.Create(new TargetsMetadata
        {
            Expires = expires,
            Delegations = new Delegations(
                new[] { AcmeKey, GlobexKey }.Concat(MoreVendors.Select(v => v.Key)).ToDictionary(k => k.KeyId, k => k.PublicKey),
                [
                    new DelegatedRole("acme", new RoleKeys([AcmeKey.KeyId], 1), true, ["acme/*"], null),
                    new DelegatedRole("globex", new RoleKeys([GlobexKey.KeyId], 1), true, ["globex/*"], null),
                    .. MoreVendors.Select(v => new DelegatedRole(v.Name, new RoleKeys([v.Key.KeyId], 1), true, [v.Name + "/*"], null)),
                ]),
        }).Sign(TargetsKey).Sign(SecondTargetsKey);

        RootBytes = root.ToBytes();
        File.WriteAllBytes(Path.Combine(ServerDirectory, ServerRepositoryFiles.Root), RootBytes);
        File.WriteAllBytes(Path.Combine(ServerDirectory, ServerRepositoryFiles.Targets), targets.ToBytes());
        File.WriteAllText(Path.Combine(ServerDirectory, ServerRepositoryFiles.SnapshotKey), SnapshotKey.ToPem());
        File.WriteAllText(Path.Combine(ServerDirectory, ServerRepositoryFiles.TimestampKey), TimestampKey.ToPem());
        File.WriteAllBytes(Path.Combine(ServerDirectory, ServerRepositoryFiles.Vendors), new VendorList(1,
        [
            new VendorRegistration("acme", VendorRegistration.HashApiKey(AcmeApiKey)),
            new VendorRegistration("globex", VendorRegistration.HashApiKey(GlobexApiKey)),
            .. MoreVendors.Select(v => new VendorRegistration(v.Name, VendorRegistration.HashApiKey(v.ApiKey))),
        ]).ToBytes());
        File.WriteAllBytes(Path.Combine(ServerDirectory, ServerRepositoryFiles.Operators),
            VendorRegistration.WriteList([new VendorRegistration("operator", VendorRegistration.HashApiKey(OperatorApiKey))]));
    }

    public string Directory { get; }

    /// <summary>The vendors delegated to besides acme and globex.</summary>
    public IReadOnlyList<TestVendor> MoreVendors { get; }

    public string ServerDirectory { get; }

    public byte[] RootBytes { get; }

    public SigningKey RootKey { get; } = SigningKey.Generate();

    /// <summary>One of the two targets keys; the targets role needs both (threshold 2).</summary>
    public SigningKey TargetsKey { get; } = SigningKey.Generate();

    public SigningKey SecondTargetsKey { get; } = SigningKey.Generate();

    public SigningKey SnapshotKey { get; } = SigningKey.Generate();

    public SigningKey TimestampKey { get; } = SigningKey.Generate();

    public SigningKey AcmeKey { get; } = SigningKey.Generate();

    public SigningKey GlobexKey { get; } = SigningKey.Generate();

    public string AcmeApiKey { get; } = VendorRegistration.NewApiKey();

    public string GlobexApiKey { get; } = VendorRegistration.NewApiKey();

    /// <summary>The key for the administration API (<c>operators.json</c> holds its hash).</summary>
    public string OperatorApiKey { get; } = VendorRegistration.NewApiKey();

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
