using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpdateServer.Packaging.Api;
using UpdateServer.Server.Data;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Reports;

/// <summary>Install reports with the hooks the updater ran: stored as sent, refused naming the field when malformed.</summary>
public sealed class HookReportTests : ServerTestBase
{
    [Fact]
    public async Task StoresTheHooksInTheOrderTheyRan()
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/reports", Report(
            new HookReport("pre-install", 0, TimedOut: false, 120, "stopping service\n"),
            new HookReport("health-check", 3, TimedOut: false, 4500, "database schema 7 missing"),
            new HookReport("rollback", null, TimedOut: true, 60000, null)), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var hooks = JsonDocument.Parse((await StoredReportAsync()).HooksJson!).RootElement.EnumerateArray().ToList();
        Assert.Equal(["pre-install", "health-check", "rollback"], hooks.Select(h => h.GetProperty("phase").GetString()));
        Assert.Equal((3, false, 4500L, "database schema 7 missing"), (hooks[1].GetProperty("exitCode").GetInt32(),
            hooks[1].GetProperty("timedOut").GetBoolean(), hooks[1].GetProperty("durationMs").GetInt64(), hooks[1].GetProperty("output").GetString()));
        Assert.Equal(JsonValueKind.Null, hooks[2].GetProperty("exitCode").ValueKind);
        Assert.True(hooks[2].GetProperty("timedOut").GetBoolean());
    }

    [Fact]
    public async Task StoresOutputOfExactly8192CharactersAndSixteenHooks()
    {
        var output = string.Concat(Enumerable.Repeat("é\u2603x\n", 2048));
        var hooks = Enumerable.Range(0, 16).Select(_ => new HookReport("install", 0, TimedOut: false, 1, output)).ToArray();

        using var response = await Http.PostAsJsonAsync("/api/v1/reports", Report(hooks), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var stored = JsonDocument.Parse((await StoredReportAsync()).HooksJson!).RootElement;
        Assert.Equal(16, stored.GetArrayLength());
        Assert.Equal(output, stored[15].GetProperty("output").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("[]")]
    public async Task StoresNoHooksWhenNoneRan(string? hooks)
    {
        var body = ReportJson();
        if (hooks is not null)
        {
            body["hooks"] = JsonNode.Parse(hooks);
        }

        using var response = await PostAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Null((await StoredReportAsync()).HooksJson);
    }

    public static TheoryData<string, string> InvalidHooks => new()
    {
        { """[{"phase": "uninstall", "exitCode": 0, "timedOut": false, "durationMs": 1}]""", "hooks[0].phase" },
        { """[{"phase": "Install", "exitCode": 0, "timedOut": false, "durationMs": 1}]""", "hooks[0].phase" },
        { """[{"exitCode": 0, "timedOut": false, "durationMs": 1}]""", "hooks[0].phase" },
        { "[null]", "hooks[0].phase" },
        { """[{"phase": "install", "durationMs": 1}, {"phase": "post install", "durationMs": 1}]""", "hooks[1].phase" },
        { """[{"phase": "install", "timedOut": false, "durationMs": -1}]""", "hooks[0].durationMs" },
        { "[{\"phase\": \"install\", \"durationMs\": 1, \"output\": \"" + new string('o', 8193) + "\"}]", "hooks[0].output" },
        { "[" + string.Join(", ", Enumerable.Repeat("""{"phase": "install", "durationMs": 1}""", 17)) + "]", "hooks" },
    };

    [Theory]
    [MemberData(nameof(InvalidHooks))]
    public async Task RefusesInvalidHooksNamingTheField(string hooks, string field)
    {
        var body = ReportJson();
        body["hooks"] = JsonNode.Parse(hooks);

        using var response = await PostAsync(body.ToJsonString());

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors does not name {field}: {problem}");
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("\"hooks\": \"health-check failed\"")]
    [InlineData("\"hooks\": {\"phase\": \"install\"}")]
    [InlineData("\"hooks\": [\"install\"]")]
    [InlineData("\"hooks\": [{\"phase\": \"install\", \"exitCode\": \"zero\"}]")]
    [InlineData("\"hooks\": [{\"phase\": \"install\", \"exitCode\": 1.5}]")]
    [InlineData("\"hooks\": [{\"phase\": \"install\", \"exitCode\": 99999999999}]")]
    [InlineData("\"hooks\": [{\"phase\": \"install\", \"timedOut\": \"no\"}]")]
    [InlineData("\"hooks\": [{\"phase\": 3}]")]
    [InlineData("\"hooks\": [{\"phase\": \"install\", \"output\": [\"line\"]}]")]
    public async Task RefusesWrongJsonTypesInHooksAsABadRequest(string property)
    {
        var json = """{"deviceId": "m1", "product": "acme.culture-platform", "toVersion": "2.0.0", "outcome": "failed", """ + property + "}";

        using var response = await PostAsync(json);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        await AssertNothingStoredAsync();
    }

    private static InstallReport Report(params HookReport[] hooks) => new()
    {
        DeviceId = "machine-01",
        Product = "acme.culture-platform",
        FromVersion = "1.0.0",
        ToVersion = "2.0.0",
        Outcome = "rolled-back",
        ErrorCode = "health-check-failed",
        DurationMs = 70000,
        Hooks = hooks,
    };

    private static JsonObject ReportJson() => new()
    {
        ["deviceId"] = "machine-01",
        ["product"] = "acme.culture-platform",
        ["toVersion"] = "2.0.0",
        ["outcome"] = "succeeded",
    };

    private async Task<HttpResponseMessage> PostAsync(string json) =>
        await Http.PostAsync("/api/v1/reports", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    private async Task<ReportRecord> StoredReportAsync()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>().Reports.AsNoTracking().SingleAsync(Ct);
    }

    private async Task AssertNothingStoredAsync()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>().Reports.CountAsync(Ct));
    }
}
