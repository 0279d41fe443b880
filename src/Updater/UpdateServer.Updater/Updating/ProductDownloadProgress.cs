namespace UpdateServer.Updater.Updating;

/// <summary>Turns byte counts of one download into <see cref="DownloadProgress"/> reports, synchronously and in order.</summary>
internal sealed class ProductDownloadProgress(IProgress<DownloadProgress> target, string product, string version, long total) : IProgress<long>
{
    public void Report(long value) => target.Report(new DownloadProgress(product, version, value, total));
}
