using System.Text.Json;
using BenchmarkDotNet.Attributes;
using UpdateServer.Benchmarks.Reporting;
using UpdateServer.Packaging.Api;
using UpdateServer.Server.Catalog;

namespace UpdateServer.Benchmarks.Catalog;

/// <summary>
/// The server's compute for one check (<see cref="LargeCatalog"/>: 20 installed products, 10,000 releases): read the
/// request, validate it, plan, write the response — against reading the request alone, the least any endpoint does.
/// The catalog index is built once per repository change, so it is not part of a check.
/// </summary>
[MemoryDiagnoser]
public class CheckPlanBenchmarks
{
    private CatalogIndex _catalog = null!;
    private byte[] _request = [];

    [GlobalSetup]
    public void BuildCatalog()
    {
        _catalog = LargeCatalog.Build();
        _request = LargeCatalog.RequestBody();
    }

    [Benchmark(Baseline = true)]
    [KeyFigure("check_20_of_10k", "read_request")]
    public CheckRequest ReadRequest() => JsonSerializer.Deserialize<CheckRequest>(_request, JsonSerializerOptions.Web)!;

    [Benchmark]
    [KeyFigure("check_20_of_10k", "plan")]
    public byte[] Check() => CheckOnce(_catalog, _request);

    /// <summary>What the check endpoint computes for one request body.</summary>
    public static byte[] CheckOnce(CatalogIndex catalog, byte[] body)
    {
        var request = JsonSerializer.Deserialize<CheckRequest>(body, JsonSerializerOptions.Web)!;
        if (CheckRequestValidator.Validate(request).Count > 0)
        {
            throw new InvalidOperationException("The benchmark request is invalid.");
        }

        return JsonSerializer.SerializeToUtf8Bytes(UpdateAdvisor.Advise(request, catalog, 1), JsonSerializerOptions.Web);
    }
}
