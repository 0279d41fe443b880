namespace UpdateServer.Upkg.Publish;

/// <summary>Adds up the bytes every part of one upload has sent and reports the running total.</summary>
public sealed class UploadTally(long totalBytes, IProgress<UploadProgress>? progress)
{
    private long _sent;

    public long TotalBytes { get; } = totalBytes;

    public void Add(int bytes)
    {
        var sent = Interlocked.Add(ref _sent, bytes);
        progress?.Report(new UploadProgress(sent, TotalBytes));
    }
}
