namespace UpdateServer.Packaging.Trust.Client;

/// <summary>
/// Keeps a transfer at or below a rate: after <c>received</c> bytes in <c>elapsed</c> time, the reader waits until the
/// bytes are "due" at the allowed rate. A pure calculation, so it can be checked without a clock.
/// </summary>
public static class BandwidthLimit
{
    /// <summary>How long to wait before reading on; zero when no limit is set or the transfer is behind the allowed rate.</summary>
    public static TimeSpan DelayBeforeNextRead(long received, TimeSpan elapsed, long maxBytesPerSecond)
    {
        if (maxBytesPerSecond <= 0)
        {
            return TimeSpan.Zero;
        }

        var due = TimeSpan.FromSeconds((double)received / maxBytesPerSecond);
        return due > elapsed ? due - elapsed : TimeSpan.Zero;
    }

    /// <summary>The most one read may ask for, so that no single read takes much more than a quarter second's worth.</summary>
    public static int ReadSize(int bufferLength, long maxBytesPerSecond) =>
        maxBytesPerSecond <= 0 ? bufferLength : (int)Math.Clamp(maxBytesPerSecond / 4, 1, bufferLength);
}
