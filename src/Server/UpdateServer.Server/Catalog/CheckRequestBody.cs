using System.Buffers;
using System.IO.Hashing;

namespace UpdateServer.Server.Catalog;

/// <summary>
/// A check request's body bytes in one repository generation, as a cache key. Equal only when the generation and every
/// byte are equal, so a body that collides with another machine's in the hash is never served that machine's answer;
/// the hash is XXH3 with a per-process random seed, so collisions cannot be planned either.
/// </summary>
public sealed class CheckRequestBody : IEquatable<CheckRequestBody>
{
    private readonly byte[] _bytes;
    private readonly long _generation;
    private readonly int _hash;

    /// <param name="generation">The repository generation the answer is for.</param>
    /// <param name="body">The body as read; copied once, whether it came in one segment or several.</param>
    /// <param name="seed">This process's hash seed.</param>
    public CheckRequestBody(long generation, ReadOnlySequence<byte> body, long seed)
    {
        _generation = generation;
        _bytes = body.ToArray();
        _hash = HashCode.Combine(generation, XxHash3.HashToUInt64(_bytes, seed));
    }

    public ReadOnlySpan<byte> Bytes => _bytes;

    public bool Equals(CheckRequestBody? other) =>
        other is not null && other._generation == _generation && other._hash == _hash && other._bytes.AsSpan().SequenceEqual(_bytes);

    public override bool Equals(object? obj) => Equals(obj as CheckRequestBody);

    public override int GetHashCode() => _hash;
}
