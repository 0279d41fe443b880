using System.Security.Cryptography;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Packaging.Tests.Trust.Client;

/// <summary>
/// An in-memory TUF repository that serves its files through <see cref="IRepositoryTransport"/>. It signs
/// with the library's own metadata types, publishes every root version as <c>N.root.json</c>, the other roles
/// as <c>V.ROLE.json</c> (consistent snapshots) or <c>ROLE.json</c>, and targets as <c>dir/HASH.name</c> or
/// plain. It records what the client asked for, and lets a test replace any served file.
/// </summary>
public sealed class SimulatedRepository : IRepositoryTransport
{
    /// <summary>The fixed "now" of every test: metadata expires a month later unless a test says otherwise.</summary>
    public static readonly DateTimeOffset Epoch = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, SimulatedRole> _roles = new(StringComparer.Ordinal);
    private readonly List<SimulatedRole> _targetsRoles = [];
    private readonly Dictionary<string, byte[]> _metadata = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _targetFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _limits = new(StringComparer.Ordinal);
    private readonly List<string> _requests = [];
    private readonly List<string> _targetRequests = [];
    private List<SigningKey> _publishedRootKeys = [];

    /// <summary>Creates the repository; nothing is served until <see cref="Publish"/>, so keys can be set up first.</summary>
    public SimulatedRepository(bool consistentSnapshot = true)
    {
        ConsistentSnapshot = consistentSnapshot;
        foreach (var name in new[] { RoleNames.Root, RoleNames.Timestamp, RoleNames.Snapshot, RoleNames.Targets })
        {
            _roles[name] = new SimulatedRole(name, Epoch.AddDays(30));
        }

        _targetsRoles.Add(Targets);
    }

    public bool ConsistentSnapshot { get; }

    public SimulatedRole Root => _roles[RoleNames.Root];

    public SimulatedRole Timestamp => _roles[RoleNames.Timestamp];

    public SimulatedRole Snapshot => _roles[RoleNames.Snapshot];

    public SimulatedRole Targets => _roles[RoleNames.Targets];

    /// <summary>Applied to every root before signing, for layouts the role fields cannot express.</summary>
    public Func<RootMetadata, RootMetadata>? EditRoot { get; set; }

    /// <summary>Whether timestamp lists the length and hashes of snapshot (else only its version).</summary>
    public bool TimestampListsLengthAndHashes { get; set; } = true;

    /// <summary>Whether snapshot lists the length and hashes of each targets file (else only its version).</summary>
    public bool SnapshotListsLengthAndHashes { get; set; } = true;

    /// <summary>Metadata file names the client fetched, in order.</summary>
    public IReadOnlyList<string> Requests => _requests;

    /// <summary>Target URLs the client opened, in order.</summary>
    public IReadOnlyList<string> TargetRequests => _targetRequests;

    public SimulatedRole Role(string name) => _roles[name];

    public void ClearRequests()
    {
        _requests.Clear();
        _targetRequests.Clear();
    }

    /// <summary>The most bytes the client allowed for <paramref name="fileName"/> on its last request.</summary>
    public long LimitFor(string fileName) => _limits[fileName];

    /// <summary>The bytes currently served as <paramref name="fileName"/>.</summary>
    public byte[] File(string fileName) => _metadata[fileName].ToArray();

    /// <summary>Serves <paramref name="bytes"/> as <paramref name="fileName"/> until the next publish rewrites it.</summary>
    public void Serve(string fileName, byte[] bytes) => _metadata[fileName] = bytes;

    /// <summary>The name a targets role's (or snapshot's) current version is served under.</summary>
    public string FileNameOf(SimulatedRole role)
    {
        ArgumentNullException.ThrowIfNull(role);
        var escaped = Uri.EscapeDataString(role.Name);
        return ConsistentSnapshot ? $"{role.Version}.{escaped}.json" : $"{escaped}.json";
    }

    /// <summary>
    /// Builds root version <paramref name="version"/> from the current keys of the top-level roles, signed by
    /// <paramref name="signers"/> (default: the root keys of the last published root and the current ones).
    /// </summary>
    public byte[] BuildRoot(long version, IEnumerable<SigningKey>? signers = null)
    {
        var topLevel = new[] { Root, Timestamp, Snapshot, Targets };
        var root = new RootMetadata
        {
            Version = Root.ContentVersion ?? version,
            Expires = Root.Expires,
            ConsistentSnapshot = ConsistentSnapshot,
            Keys = topLevel.SelectMany(r => r.Keys).DistinctBy(k => k.KeyId).ToDictionary(k => k.KeyId, k => k.PublicKey),
            Roles = topLevel.ToDictionary(r => r.Name, r => r.RoleKeys),
            UnrecognizedFields = Root.UnrecognizedFields,
        };
        root = EditRoot?.Invoke(root) ?? root;
        return Root.Sign(root, signers ?? Root.SignWith ?? _publishedRootKeys.Concat(Root.Keys).DistinctBy(k => k.KeyId));
    }

    /// <summary>Publishes the next root version as <c>N.root.json</c> and returns its bytes.</summary>
    public byte[] PublishRoot()
    {
        Root.Version++;
        var bytes = BuildRoot(Root.Version);
        _metadata[$"{Root.Version}.root.json"] = bytes;
        _publishedRootKeys = [.. Root.Keys];
        return bytes;
    }

    /// <summary>
    /// Signs and serves every targets role, then snapshot, then timestamp, at their current versions; the first
    /// call also publishes <c>1.root.json</c>.
    /// </summary>
    public void Publish()
    {
        if (!_metadata.ContainsKey("1.root.json"))
        {
            _metadata["1.root.json"] = BuildRoot(1);
            _publishedRootKeys = [.. Root.Keys];
        }

        var meta = new Dictionary<string, MetaFile>(StringComparer.Ordinal);
        foreach (var role in _targetsRoles)
        {
            var bytes = role.Sign(new TargetsMetadata
            {
                Version = role.ContentVersion ?? role.Version,
                Expires = role.Expires,
                Targets = new Dictionary<string, TargetFile>(role.Targets, StringComparer.Ordinal),
                Delegations = role.Delegations.Count == 0 ? null : DelegationsOf(role),
                UnrecognizedFields = role.UnrecognizedFields,
            });
            _metadata[FileNameOf(role)] = bytes;
            if (role.ListedInSnapshot)
            {
                meta[RoleNames.FileName(role.Name)] = SnapshotListsLengthAndHashes
                    ? MetaFile.Describe(role.Version, bytes)
                    : new MetaFile(role.Version);
            }
        }

        var snapshot = Snapshot.Sign(new SnapshotMetadata
        {
            Version = Snapshot.ContentVersion ?? Snapshot.Version,
            Expires = Snapshot.Expires,
            Meta = meta,
            UnrecognizedFields = Snapshot.UnrecognizedFields,
        });
        _metadata[FileNameOf(Snapshot)] = snapshot;

        _metadata["timestamp.json"] = Timestamp.Sign(new TimestampMetadata
        {
            Version = Timestamp.ContentVersion ?? Timestamp.Version,
            Expires = Timestamp.Expires,
            SnapshotMeta = TimestampListsLengthAndHashes ? MetaFile.Describe(Snapshot.Version, snapshot) : new MetaFile(Snapshot.Version),
            UnrecognizedFields = Timestamp.UnrecognizedFields,
        });
    }

    /// <summary>
    /// Publishes the next version of each role in <paramref name="changed"/>, and the next snapshot and timestamp,
    /// as a repository does after changing targets metadata.
    /// </summary>
    public void PublishUpdate(params SimulatedRole[] changed)
    {
        foreach (var role in changed.Append(Snapshot).Append(Timestamp).Distinct())
        {
            role.Version++;
        }

        Publish();
    }

    /// <summary>
    /// Makes <paramref name="delegator"/> delegate to <paramref name="name"/> (created with a fresh key unless it
    /// exists, which allows cycles). Publish afterwards.
    /// </summary>
    public SimulatedRole Delegate(string delegator, string name, IReadOnlyList<string>? paths = null,
        IReadOnlyList<string>? pathHashPrefixes = null, bool terminating = false)
    {
        if (!_roles.TryGetValue(name, out var role))
        {
            role = new SimulatedRole(name, Epoch.AddDays(30));
            _roles[name] = role;
            _targetsRoles.Add(role);
        }

        _roles[delegator].Delegations.Add(new DelegatedRole(name, role.RoleKeys, terminating,
            paths ?? (pathHashPrefixes is null ? ["*"] : null), pathHashPrefixes));
        return role;
    }

    /// <summary>Lists <paramref name="content"/> as <paramref name="path"/> in <paramref name="role"/> and serves it.</summary>
    public TargetFile AddTarget(string role, string path, byte[] content)
    {
        var target = new TargetFile(content.Length, new Dictionary<string, string> { ["sha256"] = Sha256(content) });
        _roles[role].Targets[path] = target;
        _targetFiles[TargetUrlFor(path, content)] = content;
        return target;
    }

    /// <summary>The URL a target is served at: <c>dir/HASH.name</c> with consistent snapshots, else its path.</summary>
    public string TargetUrlFor(string path, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.LastIndexOf('/');
        var served = ConsistentSnapshot ? $"{path[..(slash + 1)]}{Sha256(content)}.{path[(slash + 1)..]}" : path;
        return string.Join('/', served.Split('/').Select(Uri.EscapeDataString));
    }

    /// <summary>Serves <paramref name="bytes"/> at <paramref name="url"/> instead of the listed content.</summary>
    public void ServeTarget(string url, byte[] bytes) => _targetFiles[url] = bytes;

    public Task<byte[]> FetchMetadataAsync(string fileName, long maxLength, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _requests.Add(fileName);
        _limits[fileName] = maxLength;
        if (!_metadata.TryGetValue(fileName, out var bytes))
        {
            throw new RepositoryFileNotFoundException(fileName);
        }

        // What a real transport does: never read more than the caller allows (endless-data attack).
        return bytes.Length > maxLength
            ? throw new DownloadLengthExceededException(fileName, maxLength)
            : Task.FromResult(bytes.ToArray());
    }

    /// <summary>The offset of every target request, in order (0 for a whole file, more when resuming).</summary>
    public List<long> TargetOffsets { get; } = [];

    public Task<Stream> OpenTargetAsync(string relativeUrl, long offset, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _targetRequests.Add(relativeUrl);
        TargetOffsets.Add(offset);
        if (!_targetFiles.TryGetValue(relativeUrl, out var bytes))
        {
            throw new DownloadFailedException($"{relativeUrl}: 404");
        }

        return Task.FromResult<Stream>(new MemoryStream(bytes[(int)offset..], writable: false));
    }

    private Delegations DelegationsOf(SimulatedRole role)
    {
        var delegated = role.Delegations.Select(d => _roles[d.Name]).ToList();
        var keys = delegated.SelectMany(r => r.Keys).DistinctBy(k => k.KeyId).ToDictionary(k => k.KeyId, k => k.PublicKey);
        var roles = role.Delegations
            .Select(d => new DelegatedRole(d.Name, _roles[d.Name].RoleKeys, d.Terminating, d.Paths, d.PathHashPrefixes))
            .ToList();
        return new Delegations(keys, roles);
    }

    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
