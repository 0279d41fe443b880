namespace UpdateServer.Packaging.Trust.Client;

/// <summary>The client-side limits the TUF specification leaves to the application (its W, X, Y and Z).</summary>
public sealed record TufClientOptions
{
    /// <summary>Most root versions fetched in one update (5.3.3, "Y"), so a repository cannot keep a client rotating forever.</summary>
    public int MaxRootRotations { get; init; } = 256;

    /// <summary>Cap for each root file, whose length no metadata states (5.3.3, "W").</summary>
    public long RootMaxLength { get; init; } = 512 * 1024;

    /// <summary>Cap for timestamp.json, whose length no metadata states (5.4.1, "X").</summary>
    public long TimestampMaxLength { get; init; } = 16 * 1024;

    /// <summary>Cap for snapshot.json when the timestamp does not state its length (5.5.1, "Y").</summary>
    public long SnapshotMaxLength { get; init; } = 4 * 1024 * 1024;

    /// <summary>Cap for a targets file when the snapshot does not state its length (5.6.1, "Z").</summary>
    public long TargetsMaxLength { get; init; } = 16 * 1024 * 1024;

    /// <summary>Most roles visited when searching delegations for one target (5.6.7.1).</summary>
    public int MaxDelegations { get; init; } = 32;
}
