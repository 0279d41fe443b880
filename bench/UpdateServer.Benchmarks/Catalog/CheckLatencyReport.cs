using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using UpdateServer.Packaging.Api;
using UpdateServer.Server.Catalog;

namespace UpdateServer.Benchmarks.Catalog;

/// <summary>
/// Per-check latency percentiles, which BenchmarkDotNet does not give per operation: times each of
/// <see cref="Checks"/> checks alone (after a warm-up) and, interleaved with them, reading the request alone as the
/// reference, then prints median and p99 of both and their ratios.
/// </summary>
public static class CheckLatencyReport
{
    private const int WarmUp = 500;
    private const int Checks = 5_000;

    public static void Write(TextWriter output)
    {
        Measure(output, "check_20_of_10k", LargeCatalog.Build(), LargeCatalog.RequestBody(), Checks);
        var (hostile, request) = LargeCatalog.Hostile();
        Measure(output, "check_hostile", hostile, request, Checks / 10);
    }

    private static void Measure(TextWriter output, string key, CatalogIndex catalog, byte[] body, int count)
    {
        var plan = CheckPlanBenchmarks.CheckOnce(catalog, body);
        for (var i = 0; i < Math.Min(WarmUp, count); i++)
        {
            CheckPlanBenchmarks.CheckOnce(catalog, body);
            JsonSerializer.Deserialize<CheckRequest>(body, JsonSerializerOptions.Web);
        }

        var checks = new double[count];
        var reads = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            CheckPlanBenchmarks.CheckOnce(catalog, body);
            checks[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            JsonSerializer.Deserialize<CheckRequest>(body, JsonSerializerOptions.Web);
            reads[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(checks);
        Array.Sort(reads);
        var steps = JsonDocument.Parse(plan).RootElement.GetProperty("steps").GetArrayLength();
        output.WriteLine(Invariant($"{key}_catalog_releases: {catalog.Count}"));
        output.WriteLine(Invariant($"{key}_plan_steps: {steps}"));
        output.WriteLine(Invariant($"{key}_response_bytes: {plan.Length}"));
        output.WriteLine(Invariant($"{key}_p50_ms: {Percentile(checks, 0.50):0.###}"));
        output.WriteLine(Invariant($"{key}_p99_ms: {Percentile(checks, 0.99):0.###}"));
        output.WriteLine(Invariant($"{key}_read_request_p50_ms: {Percentile(reads, 0.50):0.###}"));
        output.WriteLine(Invariant($"{key}_read_request_p99_ms: {Percentile(reads, 0.99):0.###}"));
        output.WriteLine(Invariant($"{key}_p50_vs_read_request_ratio: {Percentile(checks, 0.50) / Percentile(reads, 0.50):0.##}"));
        output.WriteLine(Invariant($"{key}_p99_vs_read_request_ratio: {Percentile(checks, 0.99) / Percentile(reads, 0.99):0.##}"));
    }

    private static double Percentile(double[] sorted, double fraction) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(fraction * sorted.Length) - 1)];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
