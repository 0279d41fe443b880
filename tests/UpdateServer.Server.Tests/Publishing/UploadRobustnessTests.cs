using System.Net;
using System.Net.Sockets;
using System.Text;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Publishing;

public sealed class UploadRobustnessTests : ServerTestBase
{
    [Fact]
    public async Task RefusesAnUploadCutShortOfItsContentLength()
    {
        var before = await RepositoryProbe.TakeAsync(Server);
        var publication = Acme();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        var body = await publication.Content().ReadAsByteArrayAsync(Ct);
        var boundary = publication.Content().Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!;

        var response = await SendRawAsync(body.Length, body[..(body.Length / 2)], boundary);

        // The client is gone, so Kestrel may not answer at all; whatever it says, it must not be a success,
        // and the half-received upload must leave no trace.
        Assert.DoesNotContain("HTTP/1.1 2", response, StringComparison.Ordinal);
        Assert.Equal(before, await RepositoryProbe.TakeAsync(Server));
        var spool = Path.Combine(Server.DataDirectory, "spool");
        Assert.True(!Directory.Exists(spool) || Directory.GetFiles(spool).Length == 0, "a cut upload left a spool file");
    }

    [Fact]
    public async Task RefusesMultipartThatEndsWithoutItsClosingBoundary()
    {
        var publication = Acme();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        var content = publication.Content();
        var body = await content.ReadAsByteArrayAsync(Ct);
        var truncated = new ByteArrayContent(body[..(body.Length - 200)]);
        truncated.Headers.ContentType = content.Headers.ContentType;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/publish/acme") { Content = truncated };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Server.Repository.AcmeApiKey);

        using var response = await Http.SendAsync(request, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
    }

    [Fact]
    public async Task RefusesABodyThatIsNotMultipartAsUnsupportedMediaType()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/publish/acme") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Server.Repository.AcmeApiKey);

        using var response = await Http.SendAsync(request, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, ProblemTypes.InvalidRequest);
    }

    [Fact]
    public async Task ConcurrentPublishesGetStrictlyIncreasingSnapshots()
    {
        var acme = Acme();
        var globex = new Publication("globex", Server.Repository.GlobexKey, Server.Clock.GetUtcNow());

        async Task<List<long>> PublishSeries(Publication publication, string vendor, string apiKey)
        {
            var snapshots = new List<long>();
            for (var version = 1; version <= 5; version++)
            {
                publication.ClearUploads();
                publication.Version = version;
                await publication.AddPackageAsync($"{vendor}.app", $"1.0.{version}");
                using var response = await PublishAsync(publication, vendor, apiKey);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                var result = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content, Ct);
                snapshots.Add(result.GetProperty("snapshotVersion").GetInt64());
            }

            return snapshots;
        }

        var series = await Task.WhenAll(
            PublishSeries(acme, "acme", Server.Repository.AcmeApiKey),
            PublishSeries(globex, "globex", Server.Repository.GlobexApiKey));

        var all = series.SelectMany(s => s).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(series, s => Assert.Equal(s.Order(), s));
        var picture = await RepositoryProbe.TakeAsync(Server);
        Assert.Equal(10, picture.Releases);
        Assert.Equal(all.Max(), picture.SnapshotVersion);
    }

    private async Task<string> SendRawAsync(int declaredLength, byte[] sent, string boundary)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Server.BaseAddress.Host, Server.BaseAddress.Port, Ct);
        var stream = tcp.GetStream();
        var head = $"POST /api/v1/publish/acme HTTP/1.1\r\nHost: {Server.BaseAddress.Authority}\r\n" +
            $"Authorization: Bearer {Server.Repository.AcmeApiKey}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\n" +
            $"Content-Length: {declaredLength}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
        await stream.WriteAsync(sent, Ct);
        tcp.Client.Shutdown(SocketShutdown.Send);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        try
        {
            return await reader.ReadToEndAsync(Ct);
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            // Kestrel may reset a connection whose body ended early instead of answering: no answer, like a close.
            return string.Empty;
        }
    }
}
