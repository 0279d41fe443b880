namespace UpdateServer.EndToEnd.Tests.Support;

/// <summary>
/// A man in the middle between updater and server: passes everything through, except responses a test chooses
/// to replace or rewrite.
/// </summary>
public sealed class TamperingHandler : DelegatingHandler
{
    private readonly List<(Func<string, bool> Matches, Func<byte[], byte[]> Rewrite)> _rules = [];

    public TamperingHandler() : base(new SocketsHttpHandler()) { }

    /// <summary>Every request path seen, in order.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>Rewrites the body of every successful response whose path satisfies <paramref name="matches"/>.</summary>
    public void Rewrite(Func<string, bool> matches, Func<byte[], byte[]> rewrite) => _rules.Add((matches, rewrite));

    /// <summary>Serves <paramref name="body"/> for every request whose path satisfies <paramref name="matches"/>.</summary>
    public void Replace(Func<string, bool> matches, byte[] body) => Rewrite(matches, _ => body);

    public void Clear() => _rules.Clear();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        lock (Requests)
        {
            Requests.Add(path);
        }

        var response = await base.SendAsync(request, cancellationToken);
        var rule = _rules.LastOrDefault(r => r.Matches(path));
        if (rule.Rewrite is null || !response.IsSuccessStatusCode)
        {
            return response;
        }

        var body = rule.Rewrite(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        var replaced = new ByteArrayContent(body);
        foreach (var header in response.Content.Headers.Where(h => h.Key != "Content-Length"))
        {
            replaced.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = replaced;
        return response;
    }
}
