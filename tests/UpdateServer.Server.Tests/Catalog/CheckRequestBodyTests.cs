using System.Buffers;
using UpdateServer.Server.Catalog;

namespace UpdateServer.Server.Tests.Catalog;

/// <summary>The check body key: equal for equal bytes however the request's buffers split them, never for other bytes.</summary>
public sealed class CheckRequestBodyTests
{
    private const long Seed = 0x5eed;

    private static readonly byte[] Body = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 31))];

    public static TheoryData<int[]> Splits => new()
    {
        new[] { 1 },
        new[] { 4096 },
        new[] { 0, 2500, 2500 },
        new[] { 7, 1, 4000 },
        new[] { 4999 },
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public void EqualBytesInAnySegmentsAreOneKey(int[] splits)
    {
        var whole = CheckRequestBody.Lookup(7, new ReadOnlySequence<byte>(Body), Seed);
        var split = CheckRequestBody.Lookup(7, Segmented(Body, splits), Seed);

        Assert.Equal(whole.GetHashCode(), split.GetHashCode());
        Assert.Equal(whole, split);
        Assert.Equal(split, whole);
        Assert.Equal(whole, split.ToStored());
        Assert.Equal(split, CheckRequestBody.Lookup(7, Segmented(Body, [3, 2000]), Seed));
        Assert.True(split.ToStored().Bytes.IsSingleSegment);
    }

    [Theory]
    [MemberData(nameof(Splits))]
    public void OneChangedByteOrAnotherLengthIsAnotherKey(int[] splits)
    {
        var stored = CheckRequestBody.Lookup(7, new ReadOnlySequence<byte>(Body), Seed).ToStored();
        var changed = Body.ToArray();
        changed[^1] ^= 1;
        var shorter = Body[..^1];

        Assert.NotEqual(stored, CheckRequestBody.Lookup(7, Segmented(changed, splits), Seed));
        Assert.NotEqual(stored, CheckRequestBody.Lookup(7, Segmented(shorter, splits), Seed));
        Assert.NotEqual(stored, CheckRequestBody.Lookup(8, Segmented(Body, splits), Seed));
    }

    /// <summary>The bytes cut at <paramref name="splits"/> (segment lengths; the rest is the last segment), empty segments included.</summary>
    private static ReadOnlySequence<byte> Segmented(byte[] bytes, int[] splits)
    {
        var first = new Segment(bytes.AsMemory(0, Math.Min(splits[0], bytes.Length)), 0);
        var last = first;
        var offset = first.Memory.Length;
        foreach (var length in splits.Skip(1).Append(bytes.Length))
        {
            var take = Math.Min(length, bytes.Length - offset);
            last = last.Append(bytes.AsMemory(offset, take));
            offset += take;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
