using System.Diagnostics;

namespace UpdateServer.Packaging.Trust.Client;

/// <summary>
/// Wraps a network stream so every read must deliver within the stall timeout and the transfer must keep the
/// minimum average rate; otherwise reading fails with <see cref="DownloadFailedException"/>. With a bandwidth limit,
/// reads are paced so the transfer never runs faster than it.
/// </summary>
internal sealed class GuardedReadStream(Stream inner, IDisposable owner, TransportLimits limits, string what) : Stream
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _received;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _received; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (BandwidthLimit.DelayBeforeNextRead(_received, _clock.Elapsed, limits.MaxBytesPerSecond) is { } wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }

        buffer = buffer[..BandwidthLimit.ReadSize(buffer.Length, limits.MaxBytesPerSecond)];
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(limits.StallTimeout);
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DownloadFailedException($"{what}: no data for {limits.StallTimeout.TotalSeconds:0} s; transfer abandoned.", AttackKind.SlowRetrieval);
        }
        catch (IOException e)
        {
            throw new DownloadFailedException($"{what}: transfer failed: {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new DownloadFailedException($"{what}: transfer failed: {e.Message}", e);
        }

        _received += read;
        var elapsed = _clock.Elapsed;
        if (read > 0 && elapsed > limits.RateGracePeriod && _received / elapsed.TotalSeconds < limits.MinimumBytesPerSecond)
        {
            throw new DownloadFailedException(
                $"{what}: {_received / elapsed.TotalSeconds:0} bytes/s is below the minimum of {limits.MinimumBytesPerSecond}; transfer abandoned.",
                AttackKind.SlowRetrieval);
        }

        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Read asynchronously so the stall timeout applies.");

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            owner.Dispose();
        }

        base.Dispose(disposing);
    }
}
