using System.Security.Cryptography;

namespace UpdateServer.Packaging.Packages;

/// <summary>
/// Hands a source file to the tar writer as exactly its declared length, hashing as it goes, so
/// <see cref="EnsureUnchanged"/> can tell whether the file changed between the manifest pass and the write pass.
/// Presents itself as seekable with a fixed <see cref="Length"/> because TarWriter needs the size up front;
/// it never actually seeks.
/// </summary>
internal sealed class SourceFileStream : Stream
{
    private readonly FileStream _file;
    private readonly PackageFileEntry _entry;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _position;

    public SourceFileStream(FileStream file, PackageFileEntry entry)
    {
        _file = file;
        _entry = entry;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _entry.Size;

    public override long Position
    {
        get => _position;
        set
        {
            if (value != _position)
            {
                throw new NotSupportedException();
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var limit = Limit(buffer.Length);
        return limit == 0 ? 0 : Account(buffer[.._file.Read(buffer[..limit])]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var limit = Limit(buffer.Length);
        if (limit == 0)
        {
            return 0;
        }

        var read = await _file.ReadAsync(buffer[..limit], cancellationToken).ConfigureAwait(false);
        return Account(buffer.Span[..read]);
    }

    /// <summary>Checks that the file gave exactly the declared bytes, with the declared SHA-256, and has nothing more.</summary>
    /// <exception cref="PackageContentMismatchException">The file changed while the package was written.</exception>
    public void EnsureUnchanged()
    {
        Span<byte> probe = stackalloc byte[1];
        if (_position != _entry.Size || _file.Read(probe) != 0)
        {
            throw new PackageContentMismatchException(
                PackageProblem.SizeMismatch, $"{_file.Name}: the file changed size while the package was being written", _entry.Path);
        }

        if (!string.Equals(Convert.ToHexStringLower(_hash.GetHashAndReset()), _entry.Sha256, StringComparison.Ordinal))
        {
            throw new PackageContentMismatchException(
                PackageProblem.HashMismatch, $"{_file.Name}: the file changed while the package was being written", _entry.Path);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            _file.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Limit(int requested) => (int)Math.Min(requested, _entry.Size - _position);

    private int Account(ReadOnlySpan<byte> read)
    {
        if (read.IsEmpty)
        {
            throw new PackageContentMismatchException(
                PackageProblem.SizeMismatch, $"{_file.Name}: the file shrank while the package was being written", _entry.Path);
        }

        _hash.AppendData(read);
        _position += read.Length;
        return read.Length;
    }
}
