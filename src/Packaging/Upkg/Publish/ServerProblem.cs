using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace UpdateServer.Upkg.Publish;

/// <summary>
/// An error answer of the server read as RFC 9457 problem details (<c>type</c>, <c>title</c>, <c>status</c>,
/// <c>detail</c>). An answer that is not problem details (a proxy's HTML page, say) still gives the status and a
/// short, single-line excerpt of the body.
/// </summary>
public sealed record ServerProblem(int Status, string Type, string Detail)
{
    /// <summary>RFC 9457 section 4.2.1: a problem without a type is "about:blank".</summary>
    public const string BlankType = "about:blank";

    private const int MaxBodyBytes = 64 * 1024;
    private const int MaxExcerptChars = 200;

    /// <summary>Reads the error answer; never throws for a malformed body.</summary>
    public static async Task<ServerProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        var reason = response.ReasonPhrase is { Length: > 0 } phrase ? phrase : $"HTTP {status}";
        var body = await ReadCappedAsync(response.Content, cancellationToken);
        try
        {
            if (JsonNode.Parse(body) is JsonObject problem)
            {
                var detail = Text(problem, "detail") ?? Text(problem, "title") ?? reason;
                return new ServerProblem(status, Text(problem, "type") ?? BlankType, detail);
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to an excerpt of the body.
        }

        var text = Encoding.UTF8.GetString(body).Trim();
        var excerpt = text.Length > MaxExcerptChars ? text[..MaxExcerptChars] + "..." : text;
        return new ServerProblem(status, BlankType, excerpt.Length > 0 ? $"{reason}: {excerpt}" : reason);
    }

    private static string? Text(JsonObject problem, string name) =>
        problem[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text
            ? text
            : null;

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken);
        await using (stream)
        {
            var buffer = new byte[MaxBodyBytes];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
            {
                total += read;
            }

            return buffer[..total];
        }
    }
}
