using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Packaging.Trust;

/// <summary>
/// The metadata a client trusts during one update, and the rules for admitting new files into it, step by step
/// as the TUF specification's detailed client workflow (section 5) states them. It performs no I/O: callers hand
/// it bytes (downloaded or read from the local cache) in workflow order and persist what it accepts.
/// </summary>
/// <remarks>
/// Where a check is "final" (expiry, version against the referencing file) the new file is first recorded and
/// then checked, so that an expired or superseded local copy still serves as the baseline for the rollback
/// checks of its successor; a failed final check always throws, ending the update.
/// </remarks>
public sealed class TrustedMetadataSet
{
    private readonly Dictionary<string, Metadata<TargetsMetadata>> _targets = new(StringComparer.Ordinal);

    /// <summary>5.1 and 5.2: fixes the update start time and loads the trusted root shipped with the client.</summary>
    /// <exception cref="TufException">The root is malformed or not signed by a threshold of its own root keys.</exception>
    public TrustedMetadataSet(ReadOnlySpan<byte> trustedRoot, DateTimeOffset referenceTime)
    {
        // 5.1: all expiry checks of this update use one fixed start time.
        ReferenceTime = referenceTime;
        var root = Metadata.FromBytes<RootMetadata>(trustedRoot);
        root.VerifySignedBy(RoleNames.Root, root.Signed.Keys, root.Signed.RoleFor(RoleNames.Root));
        Root = root;
    }

    /// <summary>The fixed update start time (5.1).</summary>
    public DateTimeOffset ReferenceTime { get; }

    public Metadata<RootMetadata> Root { get; private set; }

    public Metadata<TimestampMetadata>? Timestamp { get; private set; }

    public Metadata<SnapshotMetadata>? Snapshot { get; private set; }

    /// <summary>The top-level targets metadata, once loaded.</summary>
    public Metadata<TargetsMetadata>? Targets => GetTargets(RoleNames.Targets);

    /// <summary>Trusted targets metadata of the top-level or a delegated role, or null.</summary>
    public Metadata<TargetsMetadata>? GetTargets(string role) => _targets.GetValueOrDefault(role);

    /// <summary>5.3.4–5.3.7: admits version N+1 of root.</summary>
    /// <returns>The new trusted root.</returns>
    /// <exception cref="SignatureThresholdNotMetException">Not signed by a threshold of the old and of the new root keys (5.3.4).</exception>
    /// <exception cref="EqualVersionException">
    /// The file holds the trusted version N itself, which 5.3.5 says to discard while carrying on with the trusted root.
    /// </exception>
    /// <exception cref="RollbackAttackException">The version is lower than N, or higher than N+1 (5.3.5).</exception>
    public Metadata<RootMetadata> UpdateRoot(ReadOnlySpan<byte> data)
    {
        if (Timestamp is not null)
        {
            throw new InvalidOperationException("Root cannot be updated after the timestamp was loaded.");
        }

        var newRoot = Metadata.FromBytes<RootMetadata>(data);

        // 5.3.4: signed by a threshold of the trusted (old) root's root keys...
        newRoot.VerifySignedBy(RoleNames.Root, Root.Signed.Keys, Root.Signed.RoleFor(RoleNames.Root));

        // 5.3.5: ...the version must be exactly N+1 (equal to N: discard it and go on with the trusted root)...
        var trusted = Root.Signed.Version;
        if (newRoot.Signed.Version == trusted)
        {
            throw new EqualVersionException(RoleNames.Root, trusted);
        }

        if (newRoot.Signed.Version != trusted + 1)
        {
            throw new RollbackAttackException($"Expected root version {trusted + 1}, found {newRoot.Signed.Version}.",
                newRoot.Signed.Version > trusted ? AttackKind.FastForward : AttackKind.Rollback);
        }

        // 5.3.4: ...and by a threshold of the new root's own root keys.
        newRoot.VerifySignedBy(RoleNames.Root, newRoot.Signed.Keys, newRoot.Signed.RoleFor(RoleNames.Root));

        // 5.3.6: the intermediate root's expiry does not matter yet; 5.3.7: it becomes the trusted root.
        Root = newRoot;
        return newRoot;
    }

    /// <summary>5.4.2–5.4.4: admits a timestamp. The final root's expiry (5.3.10) is checked first.</summary>
    /// <exception cref="ExpiredMetadataException">The final root (5.3.10) or the new timestamp (5.4.4) has expired.</exception>
    /// <exception cref="SignatureThresholdNotMetException">Not signed by the timestamp role (5.4.2).</exception>
    /// <exception cref="RollbackAttackException">Its version or its snapshot version is lower than trusted (5.4.3).</exception>
    /// <exception cref="EqualVersionException">Same version as the trusted timestamp: keep the trusted one (5.4.3.1).</exception>
    /// <param name="data">The timestamp file.</param>
    /// <param name="fromLocalCache">
    /// True for the copy persisted by an earlier update: it stays the rollback baseline even when expired. A
    /// downloaded copy that fails the expiry check is not kept, so another mirror's copy is judged afresh.
    /// </param>
    public Metadata<TimestampMetadata> UpdateTimestamp(ReadOnlySpan<byte> data, bool fromLocalCache = false)
    {
        if (Snapshot is not null)
        {
            throw new InvalidOperationException("Timestamp cannot be updated after the snapshot was loaded.");
        }

        // 5.3.10: the final root must not have expired.
        if (Root.Signed.IsExpired(ReferenceTime))
        {
            throw new ExpiredMetadataException(RoleNames.Root, Root.Signed.Expires, ReferenceTime);
        }

        var newTimestamp = Metadata.FromBytes<TimestampMetadata>(data);

        // 5.4.2: signed by a threshold of the timestamp keys the trusted root lists.
        newTimestamp.VerifySignedBy(RoleNames.Timestamp, Root.Signed.Keys, Root.Signed.RoleFor(RoleNames.Timestamp));

        if (Timestamp is { } trusted)
        {
            // 5.4.3.1: the version must not go down; equal means nothing changed.
            if (newTimestamp.Signed.Version < trusted.Signed.Version)
            {
                throw new RollbackAttackException(
                    $"Timestamp version {newTimestamp.Signed.Version} is lower than the trusted {trusted.Signed.Version}.");
            }

            if (newTimestamp.Signed.Version == trusted.Signed.Version)
            {
                throw new EqualVersionException(RoleNames.Timestamp, trusted.Signed.Version);
            }

            // 5.4.3.2: the snapshot version it lists must not go down either.
            if (newTimestamp.Signed.SnapshotMeta.Version < trusted.Signed.SnapshotMeta.Version)
            {
                throw new RollbackAttackException(
                    $"Timestamp lists snapshot version {newTimestamp.Signed.SnapshotMeta.Version}, lower than the trusted {trusted.Signed.SnapshotMeta.Version}.");
            }
        }

        var previous = Timestamp;
        Timestamp = newTimestamp;
        try
        {
            // 5.4.4: not expired (checked after recording, so an expired local copy still guards against rollback).
            CheckTimestampIsFinal();
        }
        catch (TufException) when (!fromLocalCache)
        {
            Timestamp = previous;
            throw;
        }

        return newTimestamp;
    }

    /// <summary>5.5.2–5.5.6: admits a snapshot.</summary>
    /// <param name="data">The snapshot file.</param>
    /// <param name="fromLocalCache">
    /// True for the copy persisted by an earlier update: its hashes are not compared with the new timestamp
    /// (which may describe a newer snapshot), but its signature, version and expiry are.
    /// </param>
    /// <exception cref="LengthOrHashMismatchException">Length or hashes differ from the timestamp's (5.5.2).</exception>
    /// <exception cref="SignatureThresholdNotMetException">Not signed by the snapshot role (5.5.3).</exception>
    /// <exception cref="RollbackAttackException">Version differs from the timestamp's (5.5.4) or a role's version went down (5.5.5).</exception>
    /// <exception cref="RepositoryInconsistencyException">A role listed in the trusted snapshot is missing (5.5.5).</exception>
    /// <exception cref="ExpiredMetadataException">The snapshot (5.5.6) or the timestamp has expired.</exception>
    public Metadata<SnapshotMetadata> UpdateSnapshot(ReadOnlySpan<byte> data, bool fromLocalCache = false)
    {
        var timestamp = Timestamp ?? throw new InvalidOperationException("The timestamp must be loaded before the snapshot.");
        if (Targets is not null)
        {
            throw new InvalidOperationException("Snapshot cannot be updated after the targets were loaded.");
        }

        CheckTimestampIsFinal();
        var snapshotMeta = timestamp.Signed.SnapshotMeta;

        // 5.5.2: hashes (and length) from the timestamp are checked before the signature.
        if (!fromLocalCache)
        {
            VerifyAgainstListing(RoleNames.FileName(RoleNames.Snapshot), data, snapshotMeta);
        }

        var newSnapshot = Metadata.FromBytes<SnapshotMetadata>(data);

        // 5.5.3: signed by a threshold of the snapshot keys the trusted root lists.
        newSnapshot.VerifySignedBy(RoleNames.Snapshot, Root.Signed.Keys, Root.Signed.RoleFor(RoleNames.Snapshot));

        // 5.5.5: no targets role listed before may vanish or go down in version.
        if (Snapshot is { } trusted)
        {
            foreach (var (path, old) in trusted.Signed.Meta)
            {
                if (!newSnapshot.Signed.Meta.TryGetValue(path, out var current))
                {
                    throw new RepositoryInconsistencyException($"The new snapshot no longer lists {path}.", AttackKind.Rollback);
                }

                if (current.Version < old.Version)
                {
                    throw new RollbackAttackException($"Snapshot lists {path} version {current.Version}, lower than the trusted {old.Version}.");
                }
            }
        }

        var previous = Snapshot;
        Snapshot = newSnapshot;
        try
        {
            // 5.5.4 and 5.5.6, checked after recording so a superseded local copy still guards the next one.
            CheckSnapshotIsFinal();
        }
        catch (TufException) when (!fromLocalCache)
        {
            Snapshot = previous;
            throw;
        }

        return newSnapshot;
    }

    /// <summary>5.6.2–5.6.5 for the top-level targets role.</summary>
    public Metadata<TargetsMetadata> UpdateTargets(ReadOnlySpan<byte> data) =>
        UpdateDelegatedTargets(data, RoleNames.Targets, RoleNames.Root);

    /// <summary>
    /// 5.6.2–5.6.5 for <paramref name="role"/>, verified with the keys <paramref name="delegator"/> lists for it
    /// (<c>root</c> for the top-level targets role). Metadata read from the local cache passes through here too,
    /// so it is always re-verified against the delegator of the current search path.
    /// </summary>
    /// <exception cref="RepositoryInconsistencyException">The snapshot does not list the role, or the delegator does not delegate it.</exception>
    /// <exception cref="LengthOrHashMismatchException">Length or hashes differ from the snapshot's (5.6.2).</exception>
    /// <exception cref="SignatureThresholdNotMetException">Not signed by a threshold of the delegated keys (5.6.3).</exception>
    /// <exception cref="RollbackAttackException">The version differs from the snapshot's (5.6.4).</exception>
    /// <exception cref="ExpiredMetadataException">The metadata (5.6.5) or the snapshot has expired.</exception>
    public Metadata<TargetsMetadata> UpdateDelegatedTargets(ReadOnlySpan<byte> data, string role, string delegator)
    {
        var snapshot = Snapshot ?? throw new InvalidOperationException("The snapshot must be loaded before targets.");
        CheckSnapshotIsFinal();

        var (keys, roleKeys) = KeysFor(role, delegator);
        var fileName = RoleNames.FileName(role);
        if (!snapshot.Signed.Meta.TryGetValue(fileName, out var meta))
        {
            throw new RepositoryInconsistencyException($"The snapshot does not list {fileName}.");
        }

        // 5.6.2: hashes and length listed by the snapshot are checked before the signature.
        VerifyAgainstListing(fileName, data, meta);

        var newTargets = Metadata.FromBytes<TargetsMetadata>(data);

        // 5.6.3: signed by a threshold of the keys the delegator trusts for this role.
        newTargets.VerifySignedBy(role, keys, roleKeys);

        // 5.6.4: the version must be the one the snapshot lists.
        if (newTargets.Signed.Version != meta.Version)
        {
            throw new RollbackAttackException($"{fileName} version {newTargets.Signed.Version} differs from the snapshot's {meta.Version}.",
                newTargets.Signed.Version > meta.Version ? AttackKind.FastForward : AttackKind.Rollback);
        }

        // 5.6.5: not expired.
        if (newTargets.Signed.IsExpired(ReferenceTime))
        {
            throw new ExpiredMetadataException(role, newTargets.Signed.Expires, ReferenceTime);
        }

        _targets[role] = newTargets;
        return newTargets;
    }

    /// <summary>
    /// 5.5.2 and 5.6.2: length and hashes as the referencing metadata lists them. On a mismatch the version the
    /// file claims (read, never trusted) tells the story: ahead is a fast-forward, behind a rollback, the same
    /// version with other bytes a mix-and-match.
    /// </summary>
    private static void VerifyAgainstListing(string fileName, ReadOnlySpan<byte> data, MetaFile listed)
    {
        try
        {
            FileHashes.Verify(fileName, data, listed.Length, listed.Hashes, AttackKind.MixAndMatch);
        }
        catch (LengthOrHashMismatchException e) when (e.Attack == AttackKind.MixAndMatch && ClaimedVersion(data) is { } claimed
            && claimed != listed.Version)
        {
            throw new LengthOrHashMismatchException(
                $"{fileName}: the bytes are not the listed ones and claim version {claimed} where version {listed.Version} is listed.",
                claimed > listed.Version ? AttackKind.FastForward : AttackKind.Rollback);
        }
    }

    private static long? ClaimedVersion(ReadOnlySpan<byte> data)
    {
        try
        {
            return JsonFields.OptionalInteger(JsonFields.RequiredObject(Canonical.StrictJson.ParseObject(data), "signed"), "version");
        }
        catch (Exception e) when (e is Canonical.CanonicalJsonException or MetadataFormatException)
        {
            return null;
        }
    }

    private (IReadOnlyDictionary<string, TufKey> Keys, RoleKeys Role) KeysFor(string role, string delegator)
    {
        if (delegator == RoleNames.Root)
        {
            if (role != RoleNames.Targets)
            {
                throw new RepositoryInconsistencyException($"Root delegates only the targets role, not \"{role}\".");
            }

            return (Root.Signed.Keys, Root.Signed.RoleFor(RoleNames.Targets));
        }

        var parent = GetTargets(delegator) ?? throw new InvalidOperationException($"Delegator \"{delegator}\" is not loaded.");
        var delegation = parent.Signed.Delegations?.Find(role)
            ?? throw new RepositoryInconsistencyException($"\"{delegator}\" does not delegate to \"{role}\".");
        return (parent.Signed.Delegations.Keys, delegation.Keys);
    }

    private void CheckTimestampIsFinal()
    {
        var timestamp = Timestamp!;
        if (timestamp.Signed.IsExpired(ReferenceTime))
        {
            throw new ExpiredMetadataException(RoleNames.Timestamp, timestamp.Signed.Expires, ReferenceTime);
        }
    }

    private void CheckSnapshotIsFinal()
    {
        CheckTimestampIsFinal();
        var snapshot = Snapshot!;
        if (snapshot.Signed.IsExpired(ReferenceTime))
        {
            throw new ExpiredMetadataException(RoleNames.Snapshot, snapshot.Signed.Expires, ReferenceTime);
        }

        var expected = Timestamp!.Signed.SnapshotMeta.Version;
        if (snapshot.Signed.Version != expected)
        {
            throw new RollbackAttackException($"Snapshot version {snapshot.Signed.Version} differs from the timestamp's {expected}.",
                snapshot.Signed.Version > expected ? AttackKind.FastForward : AttackKind.Rollback);
        }
    }
}
