using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NuGet.Versioning;

namespace UpdateServer.Packaging.Bulletins;

/// <summary>
/// The bulletin document format (<c>schemaVersion</c> 1), strict both ways: reading refuses unknown or duplicate
/// fields, wrong types, over-long text and lists, invalid ids, ranges, CVE ids, URLs, dates and CVSS vectors, and a
/// CVSS score or severity that is not the one the vector gives; writing refuses a bulletin reading would refuse.
/// </summary>
public static partial class BulletinJson
{
    public const int SchemaVersion = 1;

    /// <summary>The largest bulletin document accepted anywhere (server, upkg, updater).</summary>
    public const int MaxDocumentBytes = 256 * 1024;

    private static readonly string[] Fields =
    [
        "schemaVersion", "id", "revision", "type", "severity", "cvss", "title", "summary", "details", "affected", "fixedIn",
        "workaround", "cves", "references", "revisions", "status", "supersededBy",
    ];

    /// <exception cref="BulletinFormatException">The bytes are not a valid bulletin; the message names the first field at fault.</exception>
    public static Bulletin Read(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxDocumentBytes)
        {
            throw new BulletinFormatException($"A bulletin is at most {MaxDocumentBytes} bytes; this one is {utf8.Length}.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 8, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new BulletinFormatException($"The bulletin is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            return BulletinReader.Read(document.RootElement, Fields);
        }
    }

    /// <summary>Indented UTF-8 JSON, fields in a fixed order, no BOM: the bytes a vendor signs as the target.</summary>
    /// <exception cref="BulletinFormatException">The bulletin breaks a rule <see cref="Read"/> enforces.</exception>
    public static byte[] Write(Bulletin bulletin)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", SchemaVersion);
            w.WriteString("id", bulletin.Id);
            w.WriteNumber("revision", bulletin.Revision);
            w.WriteString("type", bulletin.Type);
            w.WriteString("severity", bulletin.Severity);
            if (bulletin.Cvss is { } cvss)
            {
                w.WriteStartObject("cvss");
                w.WriteString("vector", cvss.Vector);
                w.WriteNumber("score", cvss.BaseScore);
                w.WriteEndObject();
            }

            w.WriteString("title", bulletin.Title);
            w.WriteString("summary", bulletin.Summary);
            w.WriteString("details", bulletin.Details);
            w.WriteStartArray("affected");
            foreach (var affected in bulletin.Affected)
            {
                w.WriteStartObject();
                w.WriteString(affected.IsComponent ? "component" : "product", affected.Product);
                w.WriteString("versions", affected.VersionsText);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("fixedIn");
            foreach (var fixedIn in bulletin.FixedIn)
            {
                w.WriteStartObject();
                w.WriteString("product", fixedIn.Product);
                w.WriteString("version", fixedIn.Version.ToNormalizedString());
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (bulletin.Workaround is { } workaround)
            {
                w.WriteString("workaround", workaround);
            }

            w.WriteStartArray("cves");
            bulletin.Cves.ToList().ForEach(w.WriteStringValue);
            w.WriteEndArray();
            w.WriteStartArray("references");
            foreach (var reference in bulletin.References)
            {
                w.WriteStartObject();
                w.WriteString("url", reference.Url.AbsoluteUri);
                w.WriteString("summary", reference.Summary);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("revisions");
            foreach (var revision in bulletin.Revisions)
            {
                w.WriteStartObject();
                w.WriteNumber("number", revision.Number);
                w.WriteString("date", FormatDate(revision.Date));
                w.WriteString("summary", revision.Summary);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("status", bulletin.Status);
            if (bulletin.SupersededBy is { } successor)
            {
                w.WriteString("supersededBy", successor);
            }

            w.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        var bytes = buffer.ToArray();
        _ = Read(bytes);
        return bytes;
    }

    /// <summary>Dates in bulletins: UTC, whole seconds, <c>2026-11-24T10:00:00Z</c>.</summary>
    public static string FormatDate(DateTimeOffset date) =>
        date.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    internal static bool TryParseDate(string text, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);

    internal static bool IsCve(string text) => CvePattern().IsMatch(text);

    internal static bool TryParseRange(string text, out VersionRange? range) =>
        VersionRange.TryParse(text, allowFloating: false, out range) && text.Length <= 256;

    /// <summary>True when <paramref name="text"/> has no control characters other than (when allowed) line breaks and tabs.</summary>
    internal static bool IsCleanText(string text, bool multiline) =>
        !text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'));

    [GeneratedRegex("^CVE-[0-9]{4}-[0-9]{4,19}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex CvePattern();
}
