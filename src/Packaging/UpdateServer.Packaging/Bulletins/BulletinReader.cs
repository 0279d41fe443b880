using System.Text.Json;
using NuGet.Versioning;
using UpdateServer.Packaging.Catalog;

namespace UpdateServer.Packaging.Bulletins;

/// <summary>Reads and validates a parsed bulletin document, field by field; see <see cref="BulletinJson"/>.</summary>
internal static class BulletinReader
{
    public static Bulletin Read(JsonElement root, IReadOnlyList<string> fields)
    {
        var obj = Object(root, "the bulletin", fields);
        if (!obj.TryGetValue("schemaVersion", out var schema) || schema.ValueKind != JsonValueKind.Number
            || !schema.TryGetInt32(out var version) || version != BulletinJson.SchemaVersion)
        {
            throw Fail($"schemaVersion must be {BulletinJson.SchemaVersion}.");
        }

        var id = Text(obj, "id", 96, multiline: false);
        if (!BulletinId.IsValid(id))
        {
            throw Fail($"id \"{id}\": {BulletinId.Rule}.");
        }

        var revision = obj.TryGetValue("revision", out var r) && r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out var n) && n is >= 1 and <= 100_000
            ? n
            : throw Fail("revision must be an integer from 1 to 100000.");
        var type = Text(obj, "type", 32, multiline: false);
        if (!BulletinTypes.IsKnown(type))
        {
            throw Fail($"type \"{type}\" is not one of {string.Join(", ", BulletinTypes.All)}.");
        }

        var severity = Text(obj, "severity", 32, multiline: false);
        if (!BulletinSeverities.IsKnown(severity))
        {
            throw Fail($"severity \"{severity}\" is not one of {string.Join(", ", BulletinSeverities.All)}.");
        }

        var cvss = Cvss(obj, type, severity);
        var status = obj.ContainsKey("status") ? Text(obj, "status", 32, multiline: false) : BulletinStatuses.Active;
        if (!BulletinStatuses.IsKnown(status))
        {
            throw Fail($"status \"{status}\" is not one of {string.Join(", ", BulletinStatuses.All)}.");
        }

        var supersededBy = obj.ContainsKey("supersededBy") ? Text(obj, "supersededBy", 96, multiline: false) : null;
        if ((status == BulletinStatuses.Superseded) != (supersededBy is not null)
            || (supersededBy is not null && (!BulletinId.IsValid(supersededBy) || supersededBy == id)))
        {
            throw Fail("supersededBy names another bulletin id, and is given exactly when status is superseded.");
        }

        return new Bulletin
        {
            Id = id,
            Revision = revision,
            Type = type,
            Severity = severity,
            Cvss = cvss,
            Title = Text(obj, "title", Bulletin.MaxTitleLength, multiline: false),
            Summary = Text(obj, "summary", Bulletin.MaxSummaryLength, multiline: true),
            Details = obj.ContainsKey("details") ? Text(obj, "details", Bulletin.MaxDetailsLength, multiline: true, allowEmpty: true) : string.Empty,
            Affected = Affected(obj),
            FixedIn = FixedIn(obj),
            Workaround = obj.ContainsKey("workaround") ? Text(obj, "workaround", Bulletin.MaxWorkaroundLength, multiline: true) : null,
            Cves = Cves(obj),
            References = References(obj),
            Revisions = Revisions(obj, revision),
            Status = status,
            SupersededBy = supersededBy,
        };
    }

    private static CvssV31? Cvss(Dictionary<string, JsonElement> obj, string type, string severity)
    {
        if (!obj.TryGetValue("cvss", out var element))
        {
            return type == BulletinTypes.Security ? throw Fail("cvss (a CVSS v3.1 vector and its base score) is required for security bulletins.") : null;
        }

        if (type != BulletinTypes.Security)
        {
            throw Fail("cvss is only given for security bulletins.");
        }

        var cvssObject = Object(element, "cvss", ["vector", "score"]);
        var cvss = CvssV31.Parse(Text(cvssObject, "vector", 64, multiline: false));
        if (!cvssObject.TryGetValue("score", out var score) || score.ValueKind != JsonValueKind.Number || !score.TryGetDecimal(out var value)
            || value != cvss.BaseScore)
        {
            throw Fail($"cvss.score must be {cvss.BaseScore:0.0}, the base score of {cvss.Vector}.");
        }

        return severity == cvss.Severity ? cvss
            : throw Fail($"severity \"{severity}\" must be \"{cvss.Severity}\", the rating of the CVSS base score {cvss.BaseScore:0.0}.");
    }

    private static List<AffectedProduct> Affected(Dictionary<string, JsonElement> obj)
    {
        var list = new List<AffectedProduct>();
        foreach (var (item, i) in Array(obj, "affected", required: true).Select((e, i) => (e, i)))
        {
            var entry = Object(item, $"affected[{i}]", ["product", "component", "versions"]);
            var isComponent = entry.ContainsKey("component");
            if (isComponent == entry.ContainsKey("product"))
            {
                throw Fail($"affected[{i}] names either a product (the vendor's own) or a component (os.debian, postgres.server), not both.");
            }

            var product = Text(entry, isComponent ? "component" : "product", 128, multiline: false);
            if (!ReleaseFacts.IsProductId(product))
            {
                throw Fail($"affected[{i}]: \"{product}\" is not a product id like vendor.name.");
            }

            var versions = Text(entry, "versions", 256, multiline: false);
            if (!BulletinJson.TryParseRange(versions, out var range))
            {
                throw Fail($"affected[{i}].versions \"{versions}\" is not a version range like [1.0.0, 2.1.0) or [15.0, 15.6).");
            }

            var affected = new AffectedProduct(product, range!, isComponent);
            if (list.Any(a => a.Product == affected.Product && a.VersionsText == affected.VersionsText))
            {
                throw Fail($"affected[{i}] repeats {product} {versions}.");
            }

            list.Add(affected);
        }

        return list;
    }

    private static List<FixedRelease> FixedIn(Dictionary<string, JsonElement> obj)
    {
        var list = new List<FixedRelease>();
        foreach (var (item, i) in Array(obj, "fixedIn", required: false).Select((e, i) => (e, i)))
        {
            var entry = Object(item, $"fixedIn[{i}]", ["product", "version"]);
            var product = Text(entry, "product", 128, multiline: false);
            var versionText = Text(entry, "version", 64, multiline: false);
            if (!ReleaseFacts.IsProductId(product) || !NuGetVersion.TryParse(versionText, out var version))
            {
                throw Fail($"fixedIn[{i}] needs a product id like vendor.name and a version like 2.1.0 (\"{product}\" \"{versionText}\").");
            }

            list.Add(new FixedRelease(product, version));
        }

        return list;
    }

    private static List<string> Cves(Dictionary<string, JsonElement> obj)
    {
        var cves = Array(obj, "cves", required: false).Select((e, i) => e.ValueKind == JsonValueKind.String && BulletinJson.IsCve(e.GetString()!)
            ? e.GetString()!
            : throw Fail($"cves[{i}] is not a CVE id like CVE-2026-12345.")).ToList();
        return cves.Distinct(StringComparer.Ordinal).Count() == cves.Count ? cves : throw Fail("cves lists a CVE id twice.");
    }

    private static List<BulletinReference> References(Dictionary<string, JsonElement> obj) =>
        [.. Array(obj, "references", required: false).Select((item, i) =>
        {
            var entry = Object(item, $"references[{i}]", ["url", "summary"]);
            var url = Text(entry, "url", 2048, multiline: false);
            return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                ? new BulletinReference(uri, Text(entry, "summary", 500, multiline: false))
                : throw Fail($"references[{i}].url \"{url}\" must be an absolute http or https URL.");
        })];

    private static List<BulletinRevision> Revisions(Dictionary<string, JsonElement> obj, int revision)
    {
        var list = new List<BulletinRevision>();
        foreach (var (item, i) in Array(obj, "revisions", required: true, max: 1000).Select((e, i) => (e, i)))
        {
            var entry = Object(item, $"revisions[{i}]", ["number", "date", "summary"]);
            var number = entry.TryGetValue("number", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var v) ? v : -1;
            var dateText = Text(entry, "date", 32, multiline: false);
            if (number != i + 1 || !BulletinJson.TryParseDate(dateText, out var date) || (list.Count > 0 && date < list[^1].Date))
            {
                throw Fail($"revisions[{i}] must be number {i + 1} with a UTC date like 2026-11-24T10:00:00Z, not before the previous revision's.");
            }

            list.Add(new BulletinRevision(number, date, Text(entry, "summary", 1000, multiline: false)));
        }

        return list[^1].Number == revision ? list
            : throw Fail($"revisions ends at {list[^1].Number}, but the bulletin is revision {revision}: each revision repeats the whole history.");
    }

    private static Dictionary<string, JsonElement> Object(JsonElement element, string name, IReadOnlyList<string> allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Fail($"{name} must be a JSON object.");
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                throw Fail($"{name} has an unknown field \"{property.Name}\".");
            }

            fields[property.Name] = property.Value;
        }

        return fields;
    }

    private static List<JsonElement> Array(Dictionary<string, JsonElement> obj, string name, bool required, int max = Bulletin.MaxListItems)
    {
        if (!obj.TryGetValue(name, out var element))
        {
            return required ? throw Fail($"{name} is required.") : [];
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > max || (required && element.GetArrayLength() == 0))
        {
            throw Fail($"{name} must be an array of {(required ? 1 : 0)} to {max} items.");
        }

        return [.. element.EnumerateArray()];
    }

    private static string Text(Dictionary<string, JsonElement> obj, string name, int max, bool multiline, bool allowEmpty = false)
    {
        if (!obj.TryGetValue(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            throw Fail($"{name} is required and must be a string.");
        }

        var text = element.GetString()!;
        return (text.Length > 0 || allowEmpty) && text.Length <= max && (allowEmpty || text.Trim().Length > 0) && BulletinJson.IsCleanText(text, multiline)
            ? text
            : throw Fail($"{name} must be {(allowEmpty ? 0 : 1)} to {max} characters{(multiline ? string.Empty : " on one line")}, without control characters.");
    }

    private static BulletinFormatException Fail(string message) => new(message);
}
