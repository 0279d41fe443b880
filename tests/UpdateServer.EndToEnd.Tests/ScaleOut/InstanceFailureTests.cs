using System.Net.Http.Json;
using UpdateServer.EndToEnd.Tests.Support;

namespace UpdateServer.EndToEnd.Tests.ScaleOut;

/// <summary>One of two instances dies under load; the other carries on.</summary>
public sealed class InstanceFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KillingOneInstanceDuringACheckLoadLeavesTheOtherAnsweringEveryRequest()
    {
        await using var cluster = ServedRepository.OnSharedServices();
        var a = await cluster.StartServerAsync();
        var b = await cluster.StartServerAsync();
        using var http = new HttpClient();
        var first = cluster.Publication();
        await first.AddPackageAsync("acme.culture-platform", "1.0.0");
        (await cluster.PublishAsync(http, a, first)).EnsureSuccessStatusCode();

        using var load = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var workers = Enumerable.Range(0, 8).Select(_ => CheckUntilCancelledAsync(http, b, load.Token)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        await a.KillAsync();
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        await load.CancelAsync();
        var outcomes = (await Task.WhenAll(workers)).SelectMany(o => o).ToList();

        Assert.True(a.HasExited);
        Assert.True(outcomes.Count > 50, $"only {outcomes.Count} checks were answered");
        Assert.All(outcomes, o => Assert.Equal("1.0.0", o));
        var second = cluster.Publication();
        second.Version = 2;
        second.AddExisting(first.Targets);
        await second.AddPackageAsync("acme.culture-platform", "1.1.0");
        (await cluster.PublishAsync(http, b, second)).EnsureSuccessStatusCode();
        Assert.Equal("1.1.0", Assert.Single((await ServedRepository.CheckAsync(http, b, "acme.culture-platform")).Steps).Version);
    }

    /// <summary>Checks in a loop until cancelled; the version advised by each answer (an error fails the test at once).</summary>
    private static async Task<List<string>> CheckUntilCancelledAsync(HttpClient http, ServerProcess server, CancellationToken cancellationToken)
    {
        var advised = new List<string>();
        while (!cancellationToken.IsCancellationRequested)
        {
            using var response = await http.PostAsJsonAsync(new Uri(server.Url, "api/v1/check"), ServedRepository.CheckOf("acme.culture-platform"), Ct);
            response.EnsureSuccessStatusCode();
            var check = await response.Content.ReadFromJsonAsync<Packaging.Api.CheckResponse>(Ct);
            advised.Add(check!.Steps.Single().Version);
        }

        return advised;
    }
}
