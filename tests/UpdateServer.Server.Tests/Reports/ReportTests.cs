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

    [Fact]
    public async Task RecordsAReportSentTwiceUnderOneIdOnce()
    {
        var report = Succeeded("machine-01") with { ReportId = "0f8e2c1d9b7a4e6f8a0b1c2d3e4f5a6b" };

        using var first = await Http.PostAsJsonAsync("/api/v1/reports", report, Ct);
        using var again = await Http.PostAsJsonAsync("/api/v1/reports", report, Ct);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(1, await CountReportsAsync());
    }

    [Fact]
    public async Task RecordsTheSameReportSentTwiceAtOnceOnce()
    {
        var report = Succeeded("machine-01") with { ReportId = "concurrent-report-0001" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await Http.PostAsJsonAsync("/api/v1/reports", report, Ct);
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Accepted, status));
        Assert.Equal(1, await CountReportsAsync());
    }

    [Fact]
    public async Task KeepsReportsWithDifferentIdsOrDevicesOrNoId()
    {
        const string Id = "0f8e2c1d9b7a4e6f8a0b1c2d3e4f5a6b";
        InstallReport[] reports =
        [
            Succeeded("machine-01") with { ReportId = Id },
            Succeeded("machine-01") with { ReportId = "1f8e2c1d9b7a4e6f8a0b1c2d3e4f5a6b" },
            Succeeded("machine-02") with { ReportId = Id },
            Succeeded("machine-01"),
            Succeeded("machine-01"),
        ];

        foreach (var report in reports)
        {
            using var response = await Http.PostAsJsonAsync("/api/v1/reports", report, Ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        Assert.Equal(reports.Length, await CountReportsAsync());
    }

    [Theory]
    [InlineData("outcome", "exploded")]
    [InlineData("toVersion", "2.0")]
    [InlineData("product", "Acme")]
    [InlineData("errorCode", "Has Spaces")]
    [InlineData("reportId", "short")]
    [InlineData("reportId", "has spaces in the middle")]
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

    private static InstallReport Succeeded(string deviceId) => new()
    {
        DeviceId = deviceId, Product = "acme.culture-platform", ToVersion = "2.0.0", Outcome = "succeeded", DurationMs = 10,
    };

    private async Task<int> CountReportsAsync()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>().Reports.CountAsync(Ct);
    }
}
