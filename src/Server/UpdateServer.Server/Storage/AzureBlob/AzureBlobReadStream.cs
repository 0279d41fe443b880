using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace UpdateServer.Server.Storage.AzureBlob;

/// <summary>
/// A seekable, read-only view of one blob version (its ETag) that downloads lazily: the first read after opening or
/// seeking starts one streaming download from the position to the end, and reads pass through it. Nothing is buffered
/// beyond what the caller asks for, and serving a Range costs one request to the service.
/// </summary>
internal sealed class AzureBlobReadStream(BlobClient blob, long length, ETag etag) : Stream
{
    private Stream? _download;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= length || buffer.IsEmpty)
        {
            return 0;
        }

        _download ??= (await blob.DownloadStreamingAsync(Options(), cancellationToken)).Value.Content;
        var read = await _download.ReadAsync(buffer, cancellationToken);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= length || count == 0)
        {
            return 0;
        }

        _download ??= blob.DownloadStreaming(Options()).Value.Content;
        var read = _download.Read(buffer, offset, count);
        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        if (target != _position)
        {
            _download?.Dispose();
            _download = null;
            _position = target;
        }

        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _download?.Dispose();
        }

        base.Dispose(disposing);
    }

    // The ETag pins the version whose length was read; blobs are content-addressed, so it never changes anyway.
    private BlobDownloadOptions Options() => new()
    {
        Range = new HttpRange(_position),
        Conditions = new BlobRequestConditions { IfMatch = etag },
    };
}
