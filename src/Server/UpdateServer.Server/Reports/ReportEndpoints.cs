using System.Text.Json;
using UpdateServer.Packaging.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Reports;

/// <summary><c>POST /api/v1/reports</c>: devices report the outcome of every install attempt.</summary>
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

        db.Reports.Add(new ReportRecord
        {
            DeviceId = report.DeviceId!,
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
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted((string?)null);
    }
}
