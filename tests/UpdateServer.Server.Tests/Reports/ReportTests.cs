using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpdateServer.Packaging.Api;
using UpdateServer.Server.Data;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Reports;

public sealed class ReportTests : ServerTestBase
{
    [Fact]
    public async Task RecordsAnInstallOutcome()
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/reports", new InstallReport
        {
            DeviceId = "machine-01",
            Product = "acme.culture-platform",
            FromVersion = "1.0.0",
            ToVersion = "2.0.0",
            Outcome = "failed",
            ErrorCode = "hash-mismatch",
            Message = "sha256 differs",
            DurationMs = 1234,
        }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await using var scope = Server.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>().Reports.SingleAsync(Ct);
        Assert.Equal(("machine-01", "2.0.0", "failed", "hash-mismatch"), (report.DeviceId, report.ToVersion, report.Outcome, report.ErrorCode));
    }

    [Theory]
    [InlineData("outcome", "exploded")]
    [InlineData("toVersion", "2.0")]
    [InlineData("product", "Acme")]
    [InlineData("errorCode", "Has Spaces")]
    public async Task RefusesInvalidReportsNamingTheField(string field, string value)
    {
        var report = new Dictionary<string, object?>
        {
            ["deviceId"] = "machine-01",
            ["product"] = "acme.culture-platform",
            ["toVersion"] = "2.0.0",
            ["outcome"] = "succeeded",
            [field] = value,
        };

        using var response = await Http.PostAsJsonAsync("/api/v1/reports", report, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task LimitsReportsPerAddress()
    {
        await using var limited = new UpdateServerFactory(new Dictionary<string, string> { ["Repository:MaxReportsPerMinute"] = "3" });
        using var http = new HttpClient { BaseAddress = limited.BaseAddress };
        var report = new InstallReport { DeviceId = "m1", Product = "acme.a", ToVersion = "1.0.0", Outcome = "succeeded" };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.PostAsJsonAsync("/api/v1/reports", report, Ct);
            statuses.Add(response.StatusCode);
            if (i == 3)
            {
                await ProblemAssert.IsProblemAsync(response, HttpStatusCode.TooManyRequests, ProblemTypes.RateLimited);
            }
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
    }
}
