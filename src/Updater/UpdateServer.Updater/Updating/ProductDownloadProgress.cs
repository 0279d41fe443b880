using UpdateServer.Updater.Transactions;

namespace UpdateServer.Updater.Updating;

/// <summary>
/// Turns byte counts of one download into <see cref="DownloadProgress"/> reports, synchronously and in order. Every
/// <see cref="FaultStride"/> bytes written is also a crash-test point: counted by bytes, not by reads, so the points
/// are the same in every run however the network splits the transfer.
/// </summary>
internal sealed class ProductDownloadProgress(IProgress<DownloadProgress>? target, FaultPoints faults, string product, string version, long total)
    : IProgress<long>
{
    public const long FaultStride = 16 * 1024;
    private long _lastStride;

    public void Report(long value)
    {
        for (var stride = value / FaultStride; _lastStride < stride;)
        {
            _lastStride++;
            faults.Reach($"downloaded {_lastStride * FaultStride} bytes");
        }

        target?.Report(new DownloadProgress(product, version, value, total));
    }
}
