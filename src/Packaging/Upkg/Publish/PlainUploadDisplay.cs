using System.Globalization;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Publish;

/// <summary>
/// Progress as a few plain lines (start, every quarter, done), for logs and pipes where a redrawn bar would
/// leave a mess.
/// </summary>
public sealed class PlainUploadDisplay(TextWriter writer) : IUploadDisplay
{
    private const int Steps = 4;

    public async Task<T> ShowAsync<T>(string description, long totalBytes, Func<IProgress<UploadProgress>, Task<T>> upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        writer.WriteLine($"{description}: {ByteSize.Format(totalBytes)}");
        writer.Flush();
        var result = await upload(new Lines(writer));
        writer.WriteLine($"{description}: done");
        writer.Flush();
        return result;
    }

    private sealed class Lines(TextWriter writer) : IProgress<UploadProgress>
    {
        private readonly Lock _lock = new();
        private int _shown;

        public void Report(UploadProgress value)
        {
            if (value.TotalBytes <= 0)
            {
                return;
            }

            var step = (int)(value.BytesSent * Steps / value.TotalBytes);
            lock (_lock)
            {
                if (step <= _shown)
                {
                    return;
                }

                _shown = step;
                var percent = (100 * step / Steps).ToString(CultureInfo.InvariantCulture);
                writer.WriteLine($"  {percent}% ({ByteSize.Format(value.BytesSent)} of {ByteSize.Format(value.TotalBytes)})");
                writer.Flush();
            }
        }
    }
}
