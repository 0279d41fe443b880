using System.Security.Cryptography;
using System.Text;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Benchmarks.Repository;

/// <summary>
/// A signed TUF repository with consistent snapshots, served from memory: top-level <c>targets</c> delegates
/// <c>acme/*</c> to the vendor role <c>acme</c>, which either lists every release itself or delegates them to
/// 256 hashed bins (<see cref="RepositoryLayout"/>). Snapshot lists the length and SHA-256 of every targets
/// file, timestamp those of the snapshot. Each top-level role has its own Ed25519 key; the vendor signs its
/// bins with its own key, as in docs/decisions.md.
/// </summary>
public sealed class AcmeRepository
{
    private const int BinCount = 256;

    // Fixed, so file sizes (and the byte counts reported) do not vary between runs.
    private static readonly DateTimeOffset ExpiresAt = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly SigningKey _rootKey = SigningKey.Generate();
    private readonly SigningKey _timestampKey = SigningKey.Generate();
    private readonly SigningKey _snapshotKey = SigningKey.Generate();
    private readonly SigningKey _targetsKey = SigningKey.Generate();
    private readonly SigningKey _vendorKey = SigningKey.Generate();

    /// <summary>Every targets role in delegation order, with the targets it lists itself.</summary>
    private readonly Dictionary<string, Dictionary<string, TargetFile>> _targetsOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _published = new(StringComparer.Ordinal);

    private AcmeRepository(RepositoryLayout layout, Dictionary<string, TargetFile> releases)
    {
        Layout = layout;
        _targetsOf[RoleNames.Targets] = new(StringComparer.Ordinal);
        _targetsOf[AcmeReleases.Vendor] = layout == RepositoryLayout.Flat ? releases : new(StringComparer.Ordinal);
        if (layout == RepositoryLayout.HashedBins)
        {
            for (var bin = 0; bin < BinCount; bin++)
            {
                _targetsOf[BinName(bin)] = new(StringComparer.Ordinal);
            }

            foreach (var (path, target) in releases)
            {
                _targetsOf[BinOf(path)][path] = target;
            }
        }

        foreach (var role in _targetsOf.Keys.Append(RoleNames.Snapshot).Append(RoleNames.Timestamp))
        {
            _versions[role] = 1;
        }

        TrustedRoot = SignRoot();
        Files.Serve("1.root.json", TrustedRoot);
    }

    public RepositoryLayout Layout { get; }

    /// <summary>The served files; hand it to a client as its transport.</summary>
    public InMemoryRepository Files { get; } = new();

    /// <summary>root.json version 1, what a client is initialised with.</summary>
    public byte[] TrustedRoot { get; }

    /// <summary>The size of the current file of <paramref name="role"/> (a targets role or snapshot).</summary>
    public int SizeOf(string role) => _published[role].Length;

    /// <summary>The targets roles, top-level first.</summary>
    public IEnumerable<string> TargetsRoles => _targetsOf.Keys;

    /// <summary>Signs and serves every role at version 1 with <paramref name="releaseCount"/> releases.</summary>
    public static AcmeRepository Publish(RepositoryLayout layout, int releaseCount)
    {
        var repository = new AcmeRepository(layout, AcmeReleases.Create(releaseCount));
        foreach (var role in repository._targetsOf.Keys)
        {
            repository.PublishTargets(role);
        }

        repository.PublishSnapshotAndTimestamp();
        return repository;
    }

    /// <summary>The bin that holds <paramref name="targetPath"/>: <c>acme-</c> and the first byte of its SHA-256.</summary>
    public static string BinOf(string targetPath) =>
        BinName(SHA256.HashData(Encoding.UTF8.GetBytes(targetPath))[0]);

    /// <summary>A new timestamp version only, as a repository re-signs it before it expires.</summary>
    public void PublishTimestamp()
    {
        _versions[RoleNames.Timestamp]++;
        PublishTimestampFile();
    }

    /// <summary>Adds release <paramref name="index"/>: a new version of the role holding it, of snapshot and of timestamp.</summary>
    /// <returns>The new target's path.</returns>
    public string PublishRelease(int index)
    {
        var path = AcmeReleases.PathOf(index);
        var role = Layout == RepositoryLayout.Flat ? AcmeReleases.Vendor : BinOf(path);
        _targetsOf[role][path] = AcmeReleases.Describe(index);
        _versions[role]++;
        PublishTargets(role);
        _versions[RoleNames.Snapshot]++;
        _versions[RoleNames.Timestamp]++;
        PublishSnapshotAndTimestamp();
        return path;
    }

    private static string BinName(int bin) => $"{AcmeReleases.Vendor}-{bin:x2}";

    private byte[] SignRoot()
    {
        var keys = new[] { _rootKey, _timestampKey, _snapshotKey, _targetsKey };
        var root = new RootMetadata
        {
            Expires = ExpiresAt,
            ConsistentSnapshot = true,
            Keys = keys.ToDictionary(k => k.KeyId, k => k.PublicKey),
            Roles = new Dictionary<string, RoleKeys>
            {
                [RoleNames.Root] = KeysOf(_rootKey),
                [RoleNames.Timestamp] = KeysOf(_timestampKey),
                [RoleNames.Snapshot] = KeysOf(_snapshotKey),
                [RoleNames.Targets] = KeysOf(_targetsKey),
            },
        };
        return Metadata.Create(root).Sign(_rootKey).ToBytes();
    }

    private void PublishTargets(string role)
    {
        var targets = new TargetsMetadata
        {
            Version = _versions[role],
            Expires = ExpiresAt,
            Targets = _targetsOf[role],
            Delegations = DelegationsOf(role),
        };
        var bytes = Metadata.Create(targets).Sign(role == RoleNames.Targets ? _targetsKey : _vendorKey).ToBytes();
        _published[role] = bytes;
        Files.Serve($"{_versions[role]}.{Uri.EscapeDataString(role)}.json", bytes);
    }

    private Delegations? DelegationsOf(string role)
    {
        if (role == RoleNames.Targets)
        {
            return new Delegations(
                new Dictionary<string, TufKey> { [_vendorKey.KeyId] = _vendorKey.PublicKey },
                [new DelegatedRole(AcmeReleases.Vendor, KeysOf(_vendorKey), terminating: true, [$"{AcmeReleases.Vendor}/*"], null)]);
        }

        if (role == AcmeReleases.Vendor && Layout == RepositoryLayout.HashedBins)
        {
            // One prefix of two hex digits per bin: together they cover every path exactly once.
            var bins = Enumerable.Range(0, BinCount)
                .Select(bin => new DelegatedRole(BinName(bin), KeysOf(_vendorKey), terminating: true, null, [$"{bin:x2}"]))
                .ToList();
            return new Delegations(new Dictionary<string, TufKey> { [_vendorKey.KeyId] = _vendorKey.PublicKey }, bins);
        }

        return null;
    }

    private void PublishSnapshotAndTimestamp()
    {
        var snapshot = new SnapshotMetadata
        {
            Version = _versions[RoleNames.Snapshot],
            Expires = ExpiresAt,
            Meta = _targetsOf.Keys.ToDictionary(RoleNames.FileName, role => MetaFile.Describe(_versions[role], _published[role])),
        };
        var bytes = Metadata.Create(snapshot).Sign(_snapshotKey).ToBytes();
        _published[RoleNames.Snapshot] = bytes;
        Files.Serve($"{snapshot.Version}.snapshot.json", bytes);
        PublishTimestampFile();
    }

    private void PublishTimestampFile()
    {
        var timestamp = new TimestampMetadata
        {
            Version = _versions[RoleNames.Timestamp],
            Expires = ExpiresAt,
            SnapshotMeta = MetaFile.Describe(_versions[RoleNames.Snapshot], _published[RoleNames.Snapshot]),
        };
        Files.Serve("timestamp.json", Metadata.Create(timestamp).Sign(_timestampKey).ToBytes());
    }

    private static RoleKeys KeysOf(SigningKey key) => new([key.KeyId], 1);
}
