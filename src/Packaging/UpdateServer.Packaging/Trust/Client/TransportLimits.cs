namespace UpdateServer.Packaging.Trust.Client;

/// <summary>Limits that stop a slow or stalled server from holding a client forever (slow-retrieval attack).</summary>
public sealed record TransportLimits
{
    /// <summary>Longest wait for response headers and for a whole metadata file.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest a transfer may go without receiving a single byte.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Below this average rate (after <see cref="RateGracePeriod"/>) a transfer is abandoned.</summary>
    public long MinimumBytesPerSecond { get; init; } = 1024;

    /// <summary>Time allowed before <see cref="MinimumBytesPerSecond"/> is enforced, so a transfer can start up.</summary>
    public TimeSpan RateGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most bytes per second a target transfer may use; 0 for no limit (the bandwidth limit an operator sets).</summary>
    public long MaxBytesPerSecond { get; init; }
}
