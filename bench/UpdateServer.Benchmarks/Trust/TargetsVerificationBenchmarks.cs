using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using UpdateServer.Benchmarks.Repository;
using UpdateServer.Benchmarks.Reporting;
using UpdateServer.Packaging.Canonical;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Benchmarks.Trust;

/// <summary>
/// What a client pays for one large targets file (10,000 releases, signed by one Ed25519 key), against
/// <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/> of the same bytes: the cheapest
/// way .NET reads JSON at all.
/// </summary>
[MemoryDiagnoser]
public class TargetsVerificationBenchmarks
{
    public const int TargetCount = 10_000;

    private byte[] _file = [];
    private Dictionary<string, TufKey> _keys = [];
    private RoleKeys _roleKeys = new(["none"], 1);
    private TargetsMetadata _signed = new();
    private Metadata<TargetsMetadata>? _parsed;
    private JsonObject _signedJson = [];

    [GlobalSetup]
    public void SignTargetsFile()
    {
        var key = SigningKey.Generate();
        _file = SignTargetsFile(key);
        _keys = new Dictionary<string, TufKey> { [key.KeyId] = key.PublicKey };
        _roleKeys = new RoleKeys([key.KeyId], 1);
        _parsed = Metadata.FromBytes<TargetsMetadata>(_file);
        _signed = _parsed.Signed;
        _signedJson = (JsonObject)StrictJson.ParseObject(_file)["signed"]!;
    }

    /// <summary>targets metadata listing releases 0 to <see cref="TargetCount"/> - 1, signed by <paramref name="key"/>.</summary>
    public static byte[] SignTargetsFile(SigningKey key)
    {
        var targets = new TargetsMetadata
        {
            Expires = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Targets = AcmeReleases.Create(TargetCount),
        };
        return Metadata.Create(targets).Sign(key).ToBytes();
    }

    [Benchmark(Baseline = true)]
    [KeyFigure("targets_10k", "jsondocument")]
    public int JsonDocumentParse()
    {
        using var document = JsonDocument.Parse(_file);
        return document.RootElement.GetProperty("signed").GetProperty("targets").GetPropertyCount();
    }

    /// <summary>Strict parse, canonical form of "signed" (what signatures cover) and the typed model.</summary>
    [Benchmark]
    [KeyFigure("targets_10k", "parse")]
    public int Parse() => Metadata.FromBytes<TargetsMetadata>(_file).Signed.Targets.Count;

    /// <summary>Breakdown of <see cref="Parse"/>, step 1: the strict JSON reader building the node tree.</summary>
    [Benchmark]
    [KeyFigure("targets_10k", "strict_json")]
    public int StrictJsonParse() => StrictJson.ParseObject(_file).Count;

    /// <summary>Breakdown of <see cref="Parse"/>, step 2: canonical bytes of the parsed "signed" tree.</summary>
    [Benchmark]
    [KeyFigure("targets_10k", "canonicalize_tree")]
    public int CanonicalizeParsedTree() => CanonicalJson.Serialize(_signedJson).Length;

    /// <summary>What the client does with every downloaded targets file (TUF spec 5.6.3).</summary>
    [Benchmark]
    [KeyFigure("targets_10k", "verify")]
    public int ParseAndVerify()
    {
        var metadata = Metadata.FromBytes<TargetsMetadata>(_file);
        metadata.VerifySignedBy(AcmeReleases.Vendor, _keys, _roleKeys);
        return metadata.Signed.Targets.Count;
    }

    /// <summary>The signature check alone, on an already parsed file: Ed25519 over the canonical bytes.</summary>
    [Benchmark]
    [KeyFigure("targets_10k", "signature")]
    public int VerifySignatureOnly()
    {
        _parsed!.VerifySignedBy(AcmeReleases.Vendor, _keys, _roleKeys);
        return _parsed.CanonicalSigned.Length;
    }

    /// <summary>What a publisher does before signing: the typed model to canonical JSON bytes.</summary>
    [Benchmark]
    [KeyFigure("targets_10k", "canonical")]
    public int CanonicalSerialize() => Metadata.Create(_signed).CanonicalSigned.Length;
}
