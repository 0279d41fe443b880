using System.Buffers;
using System.IO.Hashing;

namespace UpdateServer.Server.Catalog;

/// <summary>
/// A check request's body bytes for one snapshot version, as a cache key. Equal only when the version and every byte
/// are equal, so a body that collides with another machine's in the hash is never served that machine's answer; the
/// hash is XXH3 with a per-process random seed, so collisions cannot be planned either. A key made by
/// <see cref="Lookup"/> points into the request's buffers (a hit, the common case, allocates nothing for the body; one
/// split across buffers is hashed from a pooled copy); <see cref="ToStored"/> copies the bytes for a key the cache keeps.
/// </summary>
public sealed class CheckRequestBody : IEquatable<CheckRequestBody>
{
    private readonly ReadOnlySequence<byte> _bytes;
    private readonly long _snapshotVersion;
    private readonly int _hash;

    private CheckRequestBody(long snapshotVersion, ReadOnlySequence<byte> bytes, int hash)
    {
        _snapshotVersion = snapshotVersion;
        _bytes = bytes;
        _hash = hash;
    }

    /// <summary>A key over <paramref name="body"/> as read, valid only while the request's buffers are.</summary>
    /// <param name="snapshotVersion">The snapshot version the answer is for.</param>
    /// <param name="body">The body as read, in one segment or several.</param>
    /// <param name="seed">This process's hash seed.</param>
    public static CheckRequestBody Lookup(long snapshotVersion, ReadOnlySequence<byte> body, long seed) =>
        new(snapshotVersion, body, HashCode.Combine(snapshotVersion, Hash(body, seed)));

    /// <summary>The body bytes; one span when the key is stored (<see cref="ToStored"/>) or the body came in one segment.</summary>
    public ReadOnlySequence<byte> Bytes => _bytes;

    /// <summary>The same key over its own copy of the bytes, for the cache to keep.</summary>
    public CheckRequestBody ToStored() => new(_snapshotVersion, new ReadOnlySequence<byte>(_bytes.ToArray()), _hash);

    public bool Equals(CheckRequestBody? other) =>
        other is not null && other._snapshotVersion == _snapshotVersion && other._hash == _hash && SameBytes(_bytes, other._bytes);

    public override bool Equals(object? obj) => Equals(obj as CheckRequestBody);

    public override int GetHashCode() => _hash;

    private static ulong Hash(ReadOnlySequence<byte> body, long seed)
    {
        if (body.IsSingleSegment)
        {
            return XxHash3.HashToUInt64(body.FirstSpan, seed);
        }

        // One pooled copy: cheaper than the incremental hasher's own state, and allocates nothing.
        var length = checked((int)body.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(buffer);
            return XxHash3.HashToUInt64(buffer.AsSpan(0, length), seed);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool SameBytes(ReadOnlySequence<byte> left, ReadOnlySequence<byte> right) =>
        left.Length == right.Length && (left.IsSingleSegment ? Matches(right, left.FirstSpan)
            : right.IsSingleSegment ? Matches(left, right.FirstSpan)
            : Matches(left, right.ToArray())); // two keys over request buffers; the cache only ever holds stored ones

    /// <summary>Whether <paramref name="sequence"/> holds exactly <paramref name="bytes"/> (the lengths are equal).</summary>
    private static bool Matches(ReadOnlySequence<byte> sequence, ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        foreach (var segment in sequence)
        {
            if (!segment.Span.SequenceEqual(bytes.Slice(offset, segment.Length)))
            {
                return false;
            }

            offset += segment.Length;
        }

        return true;
    }
}
