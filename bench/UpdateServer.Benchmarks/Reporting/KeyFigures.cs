using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Reports;

namespace UpdateServer.Benchmarks.Reporting;

/// <summary>
/// Prints one <c>key: value</c> line per measured figure, for scripts and docs/performance.md. Times are the
/// median per operation: on a shared 2-core machine a few slow iterations (a gen-2 collection, another process)
/// move the mean much more than the median.
/// </summary>
public static class KeyFigures
{
    private const double NanosecondsPerMillisecond = 1e6;
    private const double BytesPerMegabyte = 1024 * 1024;

    /// <summary>Writes the key figures of every benchmark marked with <see cref="KeyFigureAttribute"/>.</summary>
    /// <returns>False when a benchmark produced no result (it failed); its figures are then missing.</returns>
    public static bool Write(IEnumerable<Summary> summaries, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(output);
        var complete = true;
        foreach (var summary in summaries)
        {
            var measured = new List<(BenchmarkReport Report, KeyFigureAttribute Figure, double MedianMs)>();
            foreach (var report in summary.Reports)
            {
                var figure = report.BenchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<KeyFigureAttribute>();
                if (report.ResultStatistics is not { } statistics)
                {
                    complete = false;
                }
                else if (figure is not null)
                {
                    measured.Add((report, figure, statistics.Median / NanosecondsPerMillisecond));
                }
            }

            var baseline = measured.FirstOrDefault(m => m.Report.BenchmarkCase.Descriptor.Baseline);
            foreach (var (report, figure, medianMs) in measured)
            {
                var key = $"{figure.Group}_{figure.Name}";
                output.WriteLine(Invariant($"{key}_ms: {medianMs:0.###}"));
                if (report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) is { } allocated)
                {
                    output.WriteLine(Invariant($"{key}_alloc_mb: {allocated / BytesPerMegabyte:0.##}"));
                }

                if (baseline.Figure is not null && !ReferenceEquals(baseline.Report, report))
                {
                    output.WriteLine(Invariant($"{key}_vs_{baseline.Figure.Name}_ratio: {medianMs / baseline.MedianMs:0.####}"));
                }
            }
        }

        return complete;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
