using System.Net;

namespace UpdateServer.Upkg.Publish;

/// <summary>
/// A file sent as request content straight from disk in 64 KiB chunks (never loaded whole), counting the bytes it
/// sends. Its length is known up front, so the request carries a Content-Length.
/// </summary>
public sealed class UploadFileContent : HttpContent
{
    private const int ChunkSize = 64 * 1024;
    private readonly string _path;
    private readonly long _length;
    private readonly UploadTally _tally;

    /// <param name="path">The file to send.</param>
    /// <param name="length">Its length when it was hashed; a file that changed since is not sent.</param>
    /// <param name="tally">Receives the number of bytes sent.</param>
    public UploadFileContent(string path, long length, UploadTally tally)
    {
        _path = path;
        _length = length;
        _tally = tally;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var file = new FileStream(_path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            BufferSize = 0,
        });
        await using (file)
        {
            if (file.Length != _length)
            {
                throw new IOException($"{_path} changed after it was verified ({file.Length} bytes now, {_length} before).");
            }

            var buffer = new byte[ChunkSize];
            long sent = 0;
            int read;
            while (sent < _length && (read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(ChunkSize, _length - sent)), cancellationToken)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                sent += read;
                _tally.Add(read);
            }

            if (sent != _length)
            {
                throw new IOException($"{_path} changed after it was verified (ended after {sent} of {_length} bytes).");
            }
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }
}
