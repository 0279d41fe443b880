using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace UpdateServer.Packaging.Trust.Client;

/// <summary>
/// A TUF client following the specification's detailed client workflow (section 5): refreshes top-level
/// metadata, searches delegations for a target, and downloads targets verified against trusted metadata.
/// One instance serves one update; create a new one (a new fixed start time) for the next.
/// </summary>
public sealed partial class TufClient
{
    private readonly MirrorSet _mirrors;
    private readonly ITrustedMetadataStore _store;
    private readonly TufClientOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, string> _verifiedWithDelegator = new(StringComparer.Ordinal);
    private TrustedMetadataSet? _trusted;

    public TufClient(IRepositoryTransport transport, ITrustedMetadataStore store, TimeProvider timeProvider,
        TufClientOptions? options = null, ILogger<TufClient>? logger = null)
        : this([transport], store, timeProvider, options, logger)
    {
    }

    /// <param name="mirrors">The repository's mirrors in priority order; each file is tried from one after another until a copy verifies.</param>
    /// <param name="store">The trusted metadata store.</param>
    /// <param name="timeProvider">The clock; read once, for the fixed update start time.</param>
    /// <param name="options">Limits; defaults when null.</param>
    /// <param name="logger">Logger; none when null.</param>
    public TufClient(IReadOnlyList<IRepositoryTransport> mirrors, ITrustedMetadataStore store, TimeProvider timeProvider,
        TufClientOptions? options = null, ILogger<TufClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfZero(mirrors.Count);
        _mirrors = new MirrorSet(mirrors);
        _store = store;
        _options = options ?? new TufClientOptions();
        _logger = logger ?? NullLogger<TufClient>.Instance;

        // 5.1: the fixed update start time for every expiry check of this update.
        ReferenceTime = timeProvider.GetUtcNow();
    }

    /// <summary>The fixed update start time (5.1).</summary>
    public DateTimeOffset ReferenceTime { get; }

    /// <summary>The metadata trusted after <see cref="RefreshAsync"/>.</summary>
    /// <exception cref="InvalidOperationException">Before a successful refresh.</exception>
    public TrustedMetadataSet Trusted => _trusted ?? throw new InvalidOperationException("Call RefreshAsync first.");

    /// <summary>Steps 5.2 to 5.6.6: root (with rotation), timestamp, snapshot and top-level targets.</summary>
    /// <exception cref="TufException">Any check of the workflow failed; what was trusted before stays trusted.</exception>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        // 5.2: load the trusted root shipped with (or persisted by) the client.
        var rootBytes = _store.Read(RoleNames.Root)
            ?? throw new InvalidOperationException("No trusted root is installed; initialise the client with one first.");
        var trusted = new TrustedMetadataSet(rootBytes, ReferenceTime);
        var initialRoot = trusted.Root.Signed;

        await UpdateRootAsync(trusted, cancellationToken).ConfigureAwait(false);
        RecoverFromFastForward(initialRoot, trusted.Root.Signed);
        await UpdateTimestampAsync(trusted, cancellationToken).ConfigureAwait(false);
        await UpdateSnapshotAsync(trusted, cancellationToken).ConfigureAwait(false);
        await LoadTargetsAsync(trusted, RoleNames.Targets, RoleNames.Root, cancellationToken).ConfigureAwait(false);
        _trusted = trusted;
    }

    /// <summary>
    /// 5.6.7: pre-order depth-first search of the delegation graph for <paramref name="targetPath"/>, visiting
    /// delegations in listed order, each only for paths it is trusted for, stopping at terminating delegations.
    /// </summary>
    /// <returns>The trusted description of the target, or null when no role that may speak for the path lists it.</returns>
    public async Task<TargetFile?> FindTargetAsync(string targetPath, CancellationToken cancellationToken) =>
        (await LocateTargetAsync(targetPath, cancellationToken).ConfigureAwait(false))?.Target;

    /// <summary>As <see cref="FindTargetAsync"/>, also naming the role whose trusted metadata lists the target.</summary>
    public async Task<LocatedTarget?> LocateTargetAsync(string targetPath, CancellationToken cancellationToken)
    {
        var trusted = Trusted;
        var toVisit = new Stack<(string Role, string Delegator)>();
        toVisit.Push((RoleNames.Targets, RoleNames.Root));
        var visited = new HashSet<(string, string)>();

        while (toVisit.Count > 0)
        {
            // 5.6.7.1: stop after an application-specific number of roles, so a graph cannot waste time or bandwidth.
            if (visited.Count >= _options.MaxDelegations)
            {
                LogDelegationLimit(_logger, _options.MaxDelegations, targetPath);
                break;
            }

            var (role, delegator) = toVisit.Pop();

            // 5.6.7.1: a role visited before is skipped, so cycles end.
            if (!visited.Add((role, delegator)))
            {
                continue;
            }

            var targets = await LoadTargetsAsync(trusted, role, delegator, cancellationToken).ConfigureAwait(false);
            if (targets.Signed.Targets.TryGetValue(targetPath, out var target))
            {
                return new LocatedTarget(targetPath, target, role, targets.Signed);
            }

            // 5.6.7.2: otherwise recurse into the delegations trusted for this path, in order of appearance.
            var children = new List<(string, string)>();
            foreach (var child in targets.Signed.Delegations?.Roles ?? [])
            {
                if (!child.IsDelegatedPath(targetPath))
                {
                    continue;
                }

                children.Add((child.Name, role));
                if (child.Terminating)
                {
                    // 5.6.7.2.1: a terminating delegation ends the search after its own subtree.
                    toVisit.Clear();
                    break;
                }
            }

            for (var i = children.Count - 1; i >= 0; i--)
            {
                toVisit.Push(children[i]);
            }
        }

        return null;
    }

    /// <summary>
    /// 5.7: downloads <paramref name="targetPath"/> to <paramref name="destinationPath"/>, never reading more than
    /// the trusted length, hashing while streaming, and moving the file into place only once every check passed.
    /// </summary>
    /// <exception cref="DownloadLengthExceededException">The server sent more than the trusted length.</exception>
    /// <exception cref="LengthOrHashMismatchException">Too few bytes, or the hashes differ.</exception>
    public Task DownloadTargetAsync(string targetPath, TargetFile target, string destinationPath,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var url = TargetUrl(targetPath, target);
        return _mirrors.DownloadAsync(targetPath,
            mirror => TargetDownload.RunAsync(mirror, url, targetPath, target, destinationPath, progress, cancellationToken));
    }

    /// <summary>
    /// The URL of a target relative to the targets base: with consistent snapshots the file name is prefixed
    /// with its SHA-256 (5.7.3, <c>dir/HASH.name</c>). Each segment is URL-escaped.
    /// </summary>
    /// <exception cref="MetadataFormatException">The path has empty, <c>.</c> or <c>..</c> segments.</exception>
    public string TargetUrl(string targetPath, TargetFile target)
    {
        var slash = targetPath.LastIndexOf('/');
        var directory = slash >= 0 ? targetPath[..(slash + 1)] : string.Empty;
        var name = targetPath[(slash + 1)..];
        var path = Trusted.Root.Signed.ConsistentSnapshot ? $"{directory}{target.Sha256}.{name}" : targetPath;
        return string.Join('/', path.Split('/').Select(EscapeUrlSegment));
    }

    /// <summary>
    /// Escapes one path segment. "." and ".." are refused: URI resolution would collapse them even escaped,
    /// letting a target path climb out of the targets base URL.
    /// </summary>
    private static string EscapeUrlSegment(string segment) => segment is "." or ".." or ""
        ? throw new MetadataFormatException("A target path must not hold empty, \".\" or \"..\" segments.")
        : Uri.EscapeDataString(segment);

    private async Task UpdateRootAsync(TrustedMetadataSet trusted, CancellationToken cancellationToken)
    {
        // 5.3.2–5.3.9: fetch N+1 until there is none, at most MaxRootRotations of them.
        for (var i = 0; i < _options.MaxRootRotations; i++)
        {
            var next = trusted.Root.Signed.Version + 1;
            byte[] data;
            try
            {
                // 5.3.3: the file name is always VERSION.root.json; its length is unknown, so W caps it.
                data = await _mirrors.FetchMetadataAsync($"{next}.root.json", _options.RootMaxLength,
                    bytes => trusted.UpdateRoot(bytes), cancellationToken).ConfigureAwait(false);
            }
            catch (RepositoryFileNotFoundException)
            {
                return;
            }
            catch (EqualVersionException)
            {
                // 5.3.5: N+1.root.json held version N on every mirror that had it: carry on with the trusted root.
                return;
            }

            // 5.3.8: persist the new root as root.json.
            _store.Write(RoleNames.Root, data);
        }

        LogRootRotationLimit(_logger, _options.MaxRootRotations);
    }

    /// <summary>
    /// 5.3.11: when the timestamp or snapshot keys changed, the trusted timestamp and snapshot are deleted, so a
    /// client can recover after a repository compromise inflated their versions (fast-forward attack).
    /// </summary>
    private void RecoverFromFastForward(RootMetadata before, RootMetadata after)
    {
        if (before.Version == after.Version)
        {
            return;
        }

        if (!before.RoleFor(RoleNames.Timestamp).SameKeysAs(after.RoleFor(RoleNames.Timestamp))
            || !before.RoleFor(RoleNames.Snapshot).SameKeysAs(after.RoleFor(RoleNames.Snapshot)))
        {
            LogFastForwardRecovery(_logger, after.Version);
            _store.Delete(RoleNames.Timestamp);
            _store.Delete(RoleNames.Snapshot);
        }
    }

    private async Task UpdateTimestampAsync(TrustedMetadataSet trusted, CancellationToken cancellationToken)
    {
        // The persisted timestamp is the baseline for 5.4.3 (kept even when expired).
        if (_store.Read(RoleNames.Timestamp) is { } local)
        {
            try
            {
                trusted.UpdateTimestamp(local, fromLocalCache: true);
            }
            catch (TufException e) when (e is not ExpiredMetadataException { Role: RoleNames.Root })
            {
                LogLocalNotUsable(_logger, RoleNames.Timestamp, e.Message);
            }
        }

        // 5.4.1: always download timestamp.json, capped by X since no metadata states its length.
        byte[] data;
        try
        {
            data = await _mirrors.FetchMetadataAsync("timestamp.json", _options.TimestampMaxLength,
                bytes => trusted.UpdateTimestamp(bytes), cancellationToken).ConfigureAwait(false);
        }
        catch (EqualVersionException)
        {
            // 5.4.3.1: no mirror had a newer timestamp, one had the trusted version: keep what is trusted, nothing changed.
            return;
        }

        // 5.4.5: persist as timestamp.json.
        _store.Write(RoleNames.Timestamp, data);
    }

    private async Task UpdateSnapshotAsync(TrustedMetadataSet trusted, CancellationToken cancellationToken)
    {
        if (_store.Read(RoleNames.Snapshot) is { } local)
        {
            try
            {
                trusted.UpdateSnapshot(local, fromLocalCache: true);
                return;
            }
            catch (TufException e)
            {
                LogLocalNotUsable(_logger, RoleNames.Snapshot, e.Message);
            }
        }

        // 5.5.1: up to the length the timestamp states, else Y; VERSION.snapshot.json with consistent snapshots.
        var meta = trusted.Timestamp!.Signed.SnapshotMeta;
        var name = trusted.Root.Signed.ConsistentSnapshot ? $"{meta.Version}.snapshot.json" : "snapshot.json";
        var data = await _mirrors.FetchMetadataAsync(name, meta.Length ?? _options.SnapshotMaxLength,
            bytes => trusted.UpdateSnapshot(bytes), cancellationToken).ConfigureAwait(false);

        // 5.5.7: persist as snapshot.json.
        _store.Write(RoleNames.Snapshot, data);
    }

    /// <summary>
    /// Loads the targets metadata of <paramref name="role"/> as delegated by <paramref name="delegator"/>: from the
    /// local cache when it still verifies against this delegator and the snapshot, else downloaded (5.6.1–5.6.6).
    /// </summary>
    private async Task<Metadata<TargetsMetadata>> LoadTargetsAsync(TrustedMetadataSet trusted, string role, string delegator,
        CancellationToken cancellationToken)
    {
        if (trusted.GetTargets(role) is { } loaded && _verifiedWithDelegator.GetValueOrDefault(role) == delegator)
        {
            return loaded;
        }

        if (_store.Read(role) is { } local)
        {
            try
            {
                var fromCache = trusted.UpdateDelegatedTargets(local, role, delegator);
                _verifiedWithDelegator[role] = delegator;
                return fromCache;
            }
            catch (TufException e)
            {
                LogLocalNotUsable(_logger, role, e.Message);
            }
        }

        var fileName = RoleNames.FileName(role);
        var meta = trusted.Snapshot!.Signed.Meta.GetValueOrDefault(fileName)
            ?? throw new RepositoryInconsistencyException($"\"{role}\" is delegated but the snapshot does not list {fileName}.");

        // 5.6.1: up to the length the snapshot states, else Z; VERSION.ROLE.json with consistent snapshots.
        var escaped = DirectoryMetadataStore.EscapeRoleName(role);
        var name = trusted.Root.Signed.ConsistentSnapshot ? $"{meta.Version}.{escaped}.json" : $"{escaped}.json";
        Metadata<TargetsMetadata>? downloaded = null;
        var data = await _mirrors.FetchMetadataAsync(name, meta.Length ?? _options.TargetsMaxLength,
            bytes => downloaded = trusted.UpdateDelegatedTargets(bytes, role, delegator), cancellationToken).ConfigureAwait(false);
        _verifiedWithDelegator[role] = delegator;

        // 5.6.6: persist under the role's own name.
        _store.Write(role, data);
        return downloaded!;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Local {Role} metadata not usable as final: {Reason}")]
    private static partial void LogLocalNotUsable(ILogger logger, string role, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped after {Limit} root rotations in one update")]
    private static partial void LogRootRotationLimit(ILogger logger, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timestamp or snapshot keys rotated in root v{Version}: trusted timestamp and snapshot deleted")]
    private static partial void LogFastForwardRecovery(ILogger logger, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Visited {Limit} roles without finding {TargetPath}; search stopped")]
    private static partial void LogDelegationLimit(ILogger logger, int limit, string targetPath);
}
