using System.Text;

namespace UpdateServer.Upkg.Tests.Support;

/// <summary>Splits a multipart/form-data body into its parts (RFC 7578), byte for byte.</summary>
public static class MultipartBody
{
    public static List<MultipartPart> Parse(byte[] body, string boundary)
    {
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new List<MultipartPart>();
        var position = IndexOf(body, delimiter, 0);
        Assert.True(position >= 0, "The body holds no boundary.");
        while (true)
        {
            position += delimiter.Length;
            if (body.AsSpan(position).StartsWith("--"u8))
            {
                return parts;
            }

            position += 2; // CRLF after the boundary
            var headersEnd = IndexOf(body, "\r\n\r\n"u8.ToArray(), position);
            var headers = Encoding.UTF8.GetString(body, position, headersEnd - position).Split("\r\n");
            var next = IndexOf(body, [.. "\r\n"u8, .. delimiter], headersEnd + 4);
            var content = body[(headersEnd + 4)..next];
            parts.Add(new MultipartPart(
                Parameter(headers, "name") ?? string.Empty,
                Parameter(headers, "filename"),
                headers.FirstOrDefault(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?["Content-Type:".Length..].Trim(),
                content));
            position = next + 2;
        }
    }

    private static string? Parameter(string[] headers, string name)
    {
        var disposition = headers.First(h => h.StartsWith("Content-Disposition:", StringComparison.OrdinalIgnoreCase));
        foreach (var piece in disposition.Split(';').Select(p => p.Trim()))
        {
            if (piece.StartsWith(name + "=", StringComparison.Ordinal))
            {
                return piece[(name.Length + 1)..].Trim('"');
            }
        }

        return null;
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int start)
    {
        var found = haystack.AsSpan(start).IndexOf(needle);
        return found < 0 ? -1 : start + found;
    }
}
