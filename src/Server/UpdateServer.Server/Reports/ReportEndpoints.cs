using System.Text.Json;
using UpdateServer.Packaging.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Reports;

/// <summary>
/// <c>POST /api/v1/reports</c>: devices report the outcome of every install attempt. Devices send at least once; a
/// report with an id (<see cref="InstallReport.ReportId"/>) is recorded once per device however often it arrives.
/// </summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/reports", ReportAsync)
            .WithName("Report")
            .WithTags("Devices")
            .WithSummary("Record the outcome of an install attempt")
            .RequireRateLimiting(Hosting.RateLimits.Reports)
            .ProducesValidationProblem();
        return routes;
    }

    private static async Task<Results<Accepted, ValidationProblem>> ReportAsync(InstallReport report, UpdateServerDbContext db,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = InstallReportValidator.Validate(report);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, type: Problems.ProblemTypes.InvalidRequest);
        }

        // A report sent again under its id (the device did not hear the first answer) is already recorded.
        if (report.ReportId is { } id && await AlreadyRecordedAsync(db, report.DeviceId!, id, cancellationToken))
        {
            return TypedResults.Accepted((string?)null);
        }

        db.Reports.Add(new ReportRecord
        {
            DeviceId = report.DeviceId!,
            ReportId = report.ReportId,
            Product = report.Product!,
            FromVersion = report.FromVersion,
            ToVersion = report.ToVersion!,
            Outcome = report.Outcome!,
            ErrorCode = report.ErrorCode,
            Message = report.Message,
            DurationMs = report.DurationMs,
            HooksJson = report.Hooks is { Count: > 0 } hooks ? JsonSerializer.Serialize(hooks, JsonSerializerOptions.Web) : null,
            ReportedAt = time.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (report.ReportId is not null)
        {
            // Accepted if the same report arrived twice at once and the other copy was stored first (the device and
            // report id are unique together); any other failure stands.
            db.ChangeTracker.Clear();
            if (!await AlreadyRecordedAsync(db, report.DeviceId!, report.ReportId, cancellationToken))
            {
                throw;
            }
        }

        return TypedResults.Accepted((string?)null);
    }

    private static Task<bool> AlreadyRecordedAsync(UpdateServerDbContext db, string deviceId, string reportId, CancellationToken cancellationToken) =>
        db.Reports.AnyAsync(r => r.DeviceId == deviceId && r.ReportId == reportId, cancellationToken);
}
