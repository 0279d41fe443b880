using System.Net;
using System.Text;

namespace UpdateServer.Upkg.Tests.Support;

/// <summary>
/// A hand-written fake of our server's administration API (<c>POST /api/v1/admin/repository</c>): records each push
/// and answers with <see cref="Answer"/> (by default the versions a server would report).
/// </summary>
public sealed class FakeAdministrationServer : HttpMessageHandler
{
    public List<IReadOnlyList<MultipartPart>> Pushes { get; } = [];

    public List<string> Requests { get; } = [];

    public (HttpStatusCode Status, string ContentType, string Body) Answer { get; set; } = (HttpStatusCode.OK, "application/json",
        """{"rootVersion": 1, "targetsVersion": 2, "snapshotVersion": 3, "timestampVersion": 4, "vendorListVersion": 2, "vendors": ["acme", "globex"]}""");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add($"{request.Method} {request.RequestUri!.AbsolutePath}");
        var content = request.Content!;
        var boundary = content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        Pushes.Add(MultipartBody.Parse(await content.ReadAsByteArrayAsync(cancellationToken), boundary));
        return new HttpResponseMessage(Answer.Status) { Content = new StringContent(Answer.Body, Encoding.UTF8, Answer.ContentType) };
    }
}
