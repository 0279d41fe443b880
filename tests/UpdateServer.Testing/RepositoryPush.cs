using System.Net.Http.Headers;

namespace UpdateServer.Testing;

/// <summary>Sends documents to <c>POST /api/v1/admin/repository</c> as <c>upkg repo push</c> does.</summary>
public static class RepositoryPush
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, string operatorKey, IEnumerable<byte[]>? roots = null,
        byte[]? targets = null, byte[]? vendors = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var content = new MultipartFormDataContent();
        foreach (var (root, index) in (roots ?? []).Select((r, i) => (r, i)))
        {
            content.Add(Json(root), "root", $"{index}.root.json");
        }

        if (targets is not null)
        {
            content.Add(Json(targets), "targets", "targets.json");
        }

        if (vendors is not null)
        {
            content.Add(Json(vendors), "vendors", "vendors.json");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/repository") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static ByteArrayContent Json(byte[] bytes)
    {
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return part;
    }
}
