namespace UpdateServer.Upkg.Cli;

/// <summary>Expiry dates for metadata: whole seconds, because the metadata format has no fractions (TUF spec 4.2, EXPIRES).</summary>
public static class MetadataClock
{
    /// <summary>Now, rounded down to the second.</summary>
    public static DateTimeOffset Now(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }

    /// <summary><see cref="Now"/> plus <paramref name="lifetime"/>, rounded down to the second.</summary>
    public static DateTimeOffset ExpiresAfter(TimeProvider time, TimeSpan lifetime)
    {
        var expires = Now(time) + lifetime;
        return expires.AddTicks(-(expires.Ticks % TimeSpan.TicksPerSecond));
    }
}
