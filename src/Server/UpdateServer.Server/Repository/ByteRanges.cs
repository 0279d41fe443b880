using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using UpdateServer.Server.Problems;

namespace UpdateServer.Server.Repository;

/// <summary>
/// Screens a request's <c>Range</c> header before a file is served (RFC 9110 section 14.2): a malformed byte range, or
/// one that starts beyond the file, is refused with 416 and <c>Content-Range: bytes */length</c> as a problem
/// (<see cref="ProblemTypes.RangeNotSatisfiable"/>). A Range of another unit, or of several byte ranges, is ignored —
/// removed from the request, so the whole file is served (the spec requires the first and allows the second; no TUF
/// client asks for several ranges, and ASP.NET Core would otherwise read any unit as bytes).
/// </summary>
public static class ByteRanges
{
    /// <summary>A 416 problem for the request's Range header, or null when the file may be served (the header dropped if ignored).</summary>
    public static ProblemHttpResult? Screen(HttpContext context, long length) => Select(context, length, out _);

    /// <summary>
    /// As <see cref="Screen"/>, and resolves the one range to serve against the file's length (RFC 9110 section
    /// 14.1.2: a last position past the end means the end; a suffix longer than the file means all of it).
    /// <paramref name="range"/> is null when the whole file is to be served.
    /// </summary>
    public static ProblemHttpResult? Select(HttpContext context, long length, out ByteRange? range)
    {
        ArgumentNullException.ThrowIfNull(context);
        range = null;
        var header = context.Request.Headers.Range;
        if (header.Count == 0)
        {
            return null;
        }

        var text = header.ToString();
        var bytesUnit = text.TrimStart().StartsWith("bytes", StringComparison.OrdinalIgnoreCase);
        if (header.Count > 1 || !RangeHeaderValue.TryParse(text, out var parsed))
        {
            if (bytesUnit)
            {
                return Refuse(context, length, "The Range header is not a valid byte range.");
            }

            context.Request.Headers.Remove(HeaderNames.Range);
            return null;
        }

        if (!string.Equals(parsed.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || parsed.Ranges.Count != 1)
        {
            context.Request.Headers.Remove(HeaderNames.Range);
            return null;
        }

        var only = parsed.Ranges.First();
        range = only switch
        {
            { From: { } from, To: { } to } when from <= to && from < length => new ByteRange(from, Math.Min(to, length - 1) - from + 1),
            { From: { } from, To: null } when from < length => new ByteRange(from, length - from),
            { From: null, To: { } suffix } when suffix > 0 && length > 0 => new ByteRange(length - Math.Min(suffix, length), Math.Min(suffix, length)),
            _ => null,
        };
        return range is null ? Refuse(context, length, $"The range {only} is outside the {length} bytes of the file.") : null;
    }

    private static ProblemHttpResult Refuse(HttpContext context, long length, string detail)
    {
        context.Response.Headers.ContentRange = $"bytes */{length}";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status416RangeNotSatisfiable, title: "Range not satisfiable",
            type: ProblemTypes.RangeNotSatisfiable);
    }
}
