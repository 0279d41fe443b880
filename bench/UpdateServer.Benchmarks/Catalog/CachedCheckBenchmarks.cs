using System.Buffers;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using UpdateServer.Benchmarks.Reporting;
using UpdateServer.Server.Bulletins;
using UpdateServer.Server.Catalog;
using UpdateServer.Server.Data;
using UpdateServer.Server.Repository;

namespace UpdateServer.Benchmarks.Catalog;

/// <summary>
/// A check answered from the cache (a machine checking again with the inventory it sent before, the common case):
/// time and bytes allocated per answer, for a body in one buffer and for one split across two, as Kestrel hands over
/// a body larger than one of its 4 KiB blocks. The baseline copies the body, the least a key that owns its bytes costs.
/// </summary>
[MemoryDiagnoser]
public class CachedCheckBenchmarks
{
    private CheckResponseCache _cache = null!;
    private RepositoryState _state = null!;
    private ReadOnlySequence<byte> _body;
    private ReadOnlySequence<byte> _splitBody;

    [GlobalSetup]
    public void AnswerOnce()
    {
        _state = new RepositoryState(1, new Dictionary<string, MetadataRecord>(), LargeCatalog.Build(), new BulletinIndex([], []));
        _cache = new CheckResponseCache(new MemoryCache(new MemoryCacheOptions { SizeLimit = 64L * 1024 * 1024 }), Options.Create(new JsonOptions()));
        var bytes = LargeCatalog.RequestBody(10);
        _body = new ReadOnlySequence<byte>(bytes);
        _splitBody = TwoSegments(bytes);
        if (_cache.Answer(_state, _body).Response is null)
        {
            throw new InvalidOperationException("The benchmark request is invalid.");
        }
    }

    [Benchmark(Baseline = true)]
    [KeyFigure("cached_check", "copy_body")]
    public byte[] CopyBody() => _body.ToArray();

    [Benchmark]
    [KeyFigure("cached_check", "answer")]
    public byte[]? Answer() => _cache.Answer(_state, _body).Response;

    [Benchmark]
    [KeyFigure("cached_check", "answer_split_body")]
    public byte[]? AnswerSplitBody() => _cache.Answer(_state, _splitBody).Response;

    private static ReadOnlySequence<byte> TwoSegments(byte[] bytes)
    {
        var first = new Segment(bytes.AsMemory(0, bytes.Length / 2), 0);
        var second = new Segment(bytes.AsMemory(bytes.Length / 2), bytes.Length / 2);
        first.Next = second;
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public new Segment? Next
        {
            get => (Segment?)base.Next;
            set => base.Next = value;
        }
    }
}
