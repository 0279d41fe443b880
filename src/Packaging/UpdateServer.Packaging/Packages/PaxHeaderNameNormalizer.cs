using System.Buffers.Text;
using System.Text;

namespace UpdateServer.Packaging.Packages;

/// <summary>
/// A write-only stream between <see cref="System.Formats.Tar.TarWriter"/> and the gzip stream that gives every
/// PAX extended header (typeflag <c>x</c>) the fixed name <c>./PaxHeaders.0/.</c> and fixes its checksum.
/// Why: TarWriter (SDK 10) names these headers <c>./PaxHeaders.&lt;process id&gt;/.</c>, so two builds of the same
/// folder in two processes would differ in those bytes; readers ignore the name (POSIX pax, "pax Header Block").
/// Everything else passes through unchanged. It follows the tar block structure, so it relies on the writer
/// producing well-formed 512-byte headers followed by padded data, as TarWriter does.
/// </summary>
internal sealed class PaxHeaderNameNormalizer : Stream
{
    private const int BlockSize = 512;
    private const int NameLength = 100;
    private const int SizeOffset = 124;
    private const int SizeLength = 12;
    private const int ChecksumOffset = 148;
    private const int ChecksumLength = 8;
    private const int TypeFlagOffset = 156;
    private const byte ExtendedHeaderType = (byte)'x';

    private static readonly byte[] FixedName = "./PaxHeaders.0/."u8.ToArray();

    private readonly Stream _inner;
    private readonly byte[] _header = new byte[BlockSize];
    private int _headerFilled;
    private long _dataRemaining;
    private long _paddingRemaining;
    private MemoryStream? _extendedRecords;
    private long? _sizeFromRecords;

    public PaxHeaderNameNormalizer(Stream inner) => _inner = inner;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var pending = buffer.ToArray().AsMemory();
        while (!pending.IsEmpty)
        {
            var consumed = Consume(pending, out var output);
            _inner.Write(output.Span);
            pending = pending[consumed..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var consumed = Consume(buffer, out var output);
            if (!output.IsEmpty)
            {
                await _inner.WriteAsync(output, cancellationToken).ConfigureAwait(false);
            }

            buffer = buffer[consumed..];
        }
    }

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Takes bytes from <paramref name="input"/>; returns how many, and in <paramref name="output"/> what to pass on now.</summary>
    private int Consume(ReadOnlyMemory<byte> input, out ReadOnlyMemory<byte> output)
    {
        if (_dataRemaining > 0)
        {
            var take = (int)Math.Min(input.Length, _dataRemaining);
            output = input[..take];
            _extendedRecords?.Write(output.Span);
            _dataRemaining -= take;
            if (_dataRemaining == 0 && _extendedRecords is not null)
            {
                _sizeFromRecords = FindSizeRecord(_extendedRecords.ToArray());
                _extendedRecords = null;
            }

            return take;
        }

        if (_paddingRemaining > 0)
        {
            var take = (int)Math.Min(input.Length, _paddingRemaining);
            output = input[..take];
            _paddingRemaining -= take;
            return take;
        }

        var copy = Math.Min(input.Length, BlockSize - _headerFilled);
        input.Span[..copy].CopyTo(_header.AsSpan(_headerFilled));
        _headerFilled += copy;
        output = ReadOnlyMemory<byte>.Empty;
        if (_headerFilled == BlockSize)
        {
            _headerFilled = 0;
            ProcessHeader();
            output = _header;
        }

        return copy;
    }

    private void ProcessHeader()
    {
        if (!_header.AsSpan().ContainsAnyExcept((byte)0))
        {
            return; // end-of-archive block
        }

        var size = _sizeFromRecords ?? ParseNumber(_header.AsSpan(SizeOffset, SizeLength));
        _sizeFromRecords = null;
        if (_header[TypeFlagOffset] == ExtendedHeaderType)
        {
            _header.AsSpan(0, NameLength).Clear();
            FixedName.CopyTo(_header, 0);
            WriteChecksum(_header);
            _extendedRecords = size > 0 ? new MemoryStream() : null;
        }

        _dataRemaining = size;
        _paddingRemaining = (BlockSize - (size % BlockSize)) % BlockSize;
    }

    /// <summary>Reads an octal field, or a base-256 one (high bit of the first byte set) as GNU and .NET write for large values.</summary>
    private static long ParseNumber(ReadOnlySpan<byte> field)
    {
        long value = 0;
        if ((field[0] & 0x80) != 0)
        {
            value = field[0] & 0x7F;
            foreach (var b in field[1..])
            {
                value = checked((value << 8) | b);
            }

            return value;
        }

        foreach (var b in field)
        {
            if (b is >= (byte)'0' and <= (byte)'7')
            {
                value = checked((value * 8) + (b - '0'));
            }
            else if (b is 0 or (byte)' ' && value > 0)
            {
                break;
            }
        }

        return value;
    }

    /// <summary>Finds a <c>size</c> record ("LEN size=VALUE\n", LEN counting bytes) in PAX extended data; it overrides the next header's size field.</summary>
    private static long? FindSizeRecord(byte[] records)
    {
        var position = 0;
        while (position < records.Length)
        {
            var rest = records.AsSpan(position);
            var space = rest.IndexOf((byte)' ');
            if (space <= 0
                || !Utf8Parser.TryParse(rest[..space], out int length, out var used)
                || used != space
                || length <= space + 1
                || length > rest.Length)
            {
                return null;
            }

            var record = rest[(space + 1)..(length - 1)];
            if (record.StartsWith("size="u8)
                && Utf8Parser.TryParse(record["size=".Length..], out long size, out var sizeUsed)
                && sizeUsed == record.Length - "size=".Length)
            {
                return size;
            }

            position += length;
        }

        return null;
    }

    private static void WriteChecksum(byte[] header)
    {
        header.AsSpan(ChecksumOffset, ChecksumLength).Fill((byte)' ');
        var sum = 0;
        foreach (var b in header)
        {
            sum += b;
        }

        // Six octal digits, NUL, space: the layout TarWriter and GNU tar use.
        var digits = Convert.ToString(sum, 8).PadLeft(6, '0');
        Encoding.ASCII.GetBytes(digits, header.AsSpan(ChecksumOffset));
        header[ChecksumOffset + 6] = 0;
        header[ChecksumOffset + 7] = (byte)' ';
    }
}
