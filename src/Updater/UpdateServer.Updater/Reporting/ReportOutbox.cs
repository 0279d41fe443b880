using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using UpdateServer.Packaging;
using UpdateServer.Packaging.Api;
using UpdateServer.Updater.Checking;

namespace UpdateServer.Updater.Reporting;

/// <summary>
/// Install reports waiting to be sent, one durable file each in <c>&lt;dataDirectory&gt;/reports/</c>, sent oldest
/// first. A report is written before it is sent, so a machine that is offline, or killed, reports later; a report the
/// server accepted is deleted. The queue is bounded: beyond <see cref="Capacity"/> the oldest reports are dropped, so
/// a machine offline for years never fills its disk. The server refusing a report as invalid drops it (resending cannot
/// help); any other failure leaves the queue for the next attempt. Delivery is at least once; each report carries an id
/// (<see cref="InstallReport.ReportId"/>) by which the server records a report sent twice only once.
/// </summary>
public sealed partial class ReportOutbox(string directory, int capacity, TimeProvider time, ILogger logger)
{
    private const int MaxReportBytes = 256 * 1024;

    public int Capacity => capacity;

    public string Directory => directory;

    /// <summary>Stores <paramref name="report"/> durably; drops the oldest reports beyond the capacity.</summary>
    public void Enqueue(InstallReport report)
    {
        System.IO.Directory.CreateDirectory(directory);
        // The id travels in the stored report, so every attempt to send it names the same report to the server.
        var id = Guid.NewGuid().ToString("N");
        var name = $"{time.GetUtcNow().ToUnixTimeMilliseconds().ToString("D15", CultureInfo.InvariantCulture)}-{id}.json";
        DurableFile.WriteAtomically(Path.Combine(directory, name),
            JsonSerializer.SerializeToUtf8Bytes(report with { ReportId = report.ReportId ?? id }, JsonSerializerOptions.Web));
        var pending = Pending();
        foreach (var dropped in pending.Take(Math.Max(0, pending.Count - capacity)))
        {
            LogDropped(logger, Path.GetFileName(dropped));
            File.Delete(dropped);
        }
    }

    /// <summary>The queued report files, oldest first.</summary>
    public IReadOnlyList<string> Pending() =>
        System.IO.Directory.Exists(directory)
            ? System.IO.Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Sends queued reports oldest first until one cannot be sent; never throws for a failed send.</summary>
    /// <returns>How many reports were delivered.</returns>
    public async Task<int> FlushAsync(Func<InstallReport, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var file in Pending())
        {
            InstallReport? report;
            try
            {
                var bytes = new FileInfo(file).Length > MaxReportBytes ? null : File.ReadAllBytes(file);
                report = bytes is null ? null : JsonSerializer.Deserialize<InstallReport>(bytes, JsonSerializerOptions.Web);
            }
            catch (JsonException)
            {
                report = null;
            }

            if (report is null)
            {
                LogDropped(logger, Path.GetFileName(file));
                File.Delete(file);
                continue;
            }

            try
            {
                await send(report, cancellationToken);
            }
            catch (ServerApiException e) when (e.IsRefusal)
            {
                LogRefused(logger, Path.GetFileName(file), e.Message);
                File.Delete(file);
                continue;
            }
            catch (ServerApiException e)
            {
                LogOffline(logger, e.Message);
                break;
            }

            File.Delete(file);
            sent++;
        }

        return sent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {File} dropped (queue full or unreadable)")]
    private static partial void LogDropped(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The server refused report {File}; dropped: {Reason}")]
    private static partial void LogRefused(ILogger logger, string file, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reports stay queued until the server can be reached: {Reason}")]
    private static partial void LogOffline(ILogger logger, string reason);
}
