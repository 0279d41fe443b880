using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using UpdateServer.Packaging.Api;

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
        var catalog = LargeCatalog.Build();
        var body = LargeCatalog.RequestBody();
        var plan = CheckPlanBenchmarks.CheckOnce(catalog, body);
        for (var i = 0; i < WarmUp; i++)
        {
            CheckPlanBenchmarks.CheckOnce(catalog, body);
            JsonSerializer.Deserialize<CheckRequest>(body, JsonSerializerOptions.Web);
        }

        var checks = new double[Checks];
        var reads = new double[Checks];
        for (var i = 0; i < Checks; i++)
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
        output.WriteLine(Invariant($"check_20_of_10k_catalog_releases: {catalog.Count}"));
        output.WriteLine(Invariant($"check_20_of_10k_plan_steps: {steps}"));
        output.WriteLine(Invariant($"check_20_of_10k_response_bytes: {plan.Length}"));
        output.WriteLine(Invariant($"check_20_of_10k_p50_ms: {Percentile(checks, 0.50):0.###}"));
        output.WriteLine(Invariant($"check_20_of_10k_p99_ms: {Percentile(checks, 0.99):0.###}"));
        output.WriteLine(Invariant($"check_20_of_10k_read_request_p50_ms: {Percentile(reads, 0.50):0.###}"));
        output.WriteLine(Invariant($"check_20_of_10k_read_request_p99_ms: {Percentile(reads, 0.99):0.###}"));
        output.WriteLine(Invariant($"check_20_of_10k_p50_vs_read_request_ratio: {Percentile(checks, 0.50) / Percentile(reads, 0.50):0.##}"));
        output.WriteLine(Invariant($"check_20_of_10k_p99_vs_read_request_ratio: {Percentile(checks, 0.99) / Percentile(reads, 0.99):0.##}"));
    }

    private static double Percentile(double[] sorted, double fraction) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(fraction * sorted.Length) - 1)];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
