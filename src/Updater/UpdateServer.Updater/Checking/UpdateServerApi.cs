using System.Net.Http.Json;
using System.Text.Json;
using UpdateServer.Packaging.Api;

namespace UpdateServer.Updater.Checking;

/// <summary>The server's device API: <c>POST /api/v1/check</c> and <c>POST /api/v1/reports</c>.</summary>
public sealed class UpdateServerApi(HttpClient http, Uri serverUrl)
{
    private const int MaxResponseBytes = 4 * 1024 * 1024;

    /// <summary>Web defaults, and a null where the contract has none is an error rather than a crash later.</summary>
    private static readonly JsonSerializerOptions StrictWeb = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <exception cref="ServerApiException">The server could not be reached or refused the request.</exception>
    public async Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken)
    {
        using var response = await PostAsync("api/v1/check", request, cancellationToken);
        var body = await ReadCappedAsync(response, cancellationToken);
        try
        {
            var advice = JsonSerializer.Deserialize<CheckResponse>(body, StrictWeb) ?? throw new ServerApiException("The check response is empty.");
            return advice.Steps is null || advice.Held is null || advice.Unsatisfied is null || advice.Products is null
                || advice.Steps.Any(s => s is null) || advice.Held.Any(h => h is null) || advice.Unsatisfied.Any(u => u is null)
                ? throw new ServerApiException("The check response lacks its steps, held releases, unsatisfied products or statuses.")
                : advice;
        }
        catch (JsonException e)
        {
            throw new ServerApiException($"The check response is not valid JSON: {e.Message}", e);
        }
    }

    /// <exception cref="ServerApiException">The server could not be reached or refused the report.</exception>
    public async Task ReportAsync(InstallReport report, CancellationToken cancellationToken)
    {
        using var response = await PostAsync("api/v1/reports", report, cancellationToken);
    }

    private async Task<HttpResponseMessage> PostAsync<T>(string path, T body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(new Uri(serverUrl, path), body, JsonSerializerOptions.Web, timeout.Token);
        }
        catch (HttpRequestException e)
        {
            throw new ServerApiException($"{serverUrl}{path}: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServerApiException($"{serverUrl}{path}: no answer within {RequestTimeout.TotalSeconds:0} s.", e);
        }

        if (!response.IsSuccessStatusCode)
        {
            var detail = await ProblemText(response, cancellationToken);
            response.Dispose();
            throw new ServerApiException($"{serverUrl}{path} answered {(int)response.StatusCode}: {detail}", (int)response.StatusCode);
        }

        return response;
    }

    private static async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            throw new ServerApiException($"The response is larger than {MaxResponseBytes} bytes.");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                throw new ServerApiException($"The response is larger than {MaxResponseBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task<string> ProblemText(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = JsonSerializer.Deserialize<JsonElement>(await ReadCappedAsync(response, cancellationToken));
            return problem.TryGetProperty("detail", out var detail) ? detail.ToString() : problem.ToString();
        }
        catch (Exception e) when (e is JsonException or ServerApiException)
        {
            return response.ReasonPhrase ?? "no detail";
        }
    }
}
