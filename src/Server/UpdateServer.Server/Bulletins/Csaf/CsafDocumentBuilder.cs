using System.Text.Json.Nodes;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Server.Configuration;

namespace UpdateServer.Server.Bulletins.Csaf;

/// <summary>
/// Turns a signed bulletin into a CSAF 2.0 document: security bulletins as <c>csaf_security_advisory</c> (one
/// vulnerability per CVE, with product status, CVSS v3.1 score and remediations), the others as <c>csaf_base</c>
/// (CSAF has no bug-fix or upgrade profile). Built to pass the mandatory tests of CSAF 2.0 section 6.1.
/// </summary>
public static class CsafDocumentBuilder
{
    public const string SecurityAdvisory = "csaf_security_advisory";
    public const string Base = "csaf_base";

    /// <param name="bulletin">The current revision's signed document.</param>
    /// <param name="options">The provider's name and namespace.</param>
    /// <param name="documentUrl">The absolute URL the document is served at (its <c>self</c> reference).</param>
    public static JsonObject Build(Bulletin bulletin, BulletinOptions options, string documentUrl)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        ArgumentNullException.ThrowIfNull(options);
        var security = bulletin.Type == BulletinTypes.Security;
        var tree = new CsafProductTree(bulletin);
        var document = new JsonObject
        {
            ["category"] = security ? SecurityAdvisory : Base,
            ["csaf_version"] = "2.0",
            ["distribution"] = new JsonObject { ["tlp"] = new JsonObject { ["label"] = "WHITE" } },
            ["lang"] = "en",
            ["notes"] = Notes(bulletin),
            ["publisher"] = new JsonObject
            {
                ["category"] = "vendor",
                ["name"] = bulletin.Vendor,
                ["namespace"] = options.PublisherNamespace,
            },
            ["references"] = References(bulletin, documentUrl),
            ["title"] = bulletin.Title,
            ["tracking"] = Tracking(bulletin),
        };
        if (security)
        {
            document["aggregate_severity"] = new JsonObject { ["text"] = bulletin.Severity.ToUpperInvariant() };
        }

        var csaf = new JsonObject { ["document"] = document, ["product_tree"] = tree.ToJson() };
        if (security)
        {
            csaf["vulnerabilities"] = Vulnerabilities(bulletin, tree);
        }

        return csaf;
    }

    private static JsonArray Notes(Bulletin bulletin)
    {
        var notes = new JsonArray { Note("summary", "Summary", bulletin.Summary) };
        if (bulletin.Details.Trim().Length > 0)
        {
            notes.Add(Note("details", "Details", bulletin.Details));
        }

        if (bulletin.Workaround is { } workaround)
        {
            notes.Add(Note("general", "Workaround", workaround));
        }

        if (bulletin.Status != BulletinStatuses.Active)
        {
            notes.Add(Note("general", "Status", bulletin.Status == BulletinStatuses.Withdrawn
                ? "This bulletin has been withdrawn by the vendor."
                : $"This bulletin is superseded by {bulletin.SupersededBy}."));
        }

        notes.Add(Note("other", "Bulletin type", $"{bulletin.Type} ({bulletin.Severity})"));
        return notes;
    }

    private static JsonObject Note(string category, string title, string text) =>
        new() { ["category"] = category, ["text"] = text, ["title"] = title };

    private static JsonArray References(Bulletin bulletin, string documentUrl)
    {
        var references = new JsonArray
        {
            new JsonObject { ["category"] = "self", ["summary"] = $"{bulletin.Id} in CSAF", ["url"] = documentUrl },
        };
        foreach (var reference in bulletin.References)
        {
            references.Add(new JsonObject { ["category"] = "external", ["summary"] = reference.Summary, ["url"] = reference.Url.AbsoluteUri });
        }

        return references;
    }

    private static JsonObject Tracking(Bulletin bulletin) => new()
    {
        ["current_release_date"] = BulletinJson.FormatDate(bulletin.CurrentReleaseDate),
        ["generator"] = new JsonObject { ["engine"] = new JsonObject { ["name"] = "UpdateServer" } },
        ["id"] = bulletin.Id,
        ["initial_release_date"] = BulletinJson.FormatDate(bulletin.InitialReleaseDate),
        ["revision_history"] = new JsonArray([.. bulletin.Revisions.Select(r => (JsonNode)new JsonObject
        {
            ["date"] = BulletinJson.FormatDate(r.Date),
            ["number"] = CsafProductTree.Number(r.Number),
            ["summary"] = r.Summary,
        })]),
        ["status"] = "final",
        ["version"] = CsafProductTree.Number(bulletin.Revision),
    };

    private static JsonArray Vulnerabilities(Bulletin bulletin, CsafProductTree tree)
    {
        var vulnerabilities = new JsonArray();
        foreach (var cve in bulletin.Cves.DefaultIfEmpty())
        {
            var vulnerability = new JsonObject();
            if (cve is not null)
            {
                vulnerability["cve"] = cve;
            }

            vulnerability["notes"] = new JsonArray { Note("description", "Summary", bulletin.Summary) };
            var status = new JsonObject { ["known_affected"] = Ids(tree.Affected) };
            if (tree.Fixed.Count > 0)
            {
                status["fixed"] = Ids(tree.Fixed);
            }

            vulnerability["product_status"] = status;
            vulnerability["remediations"] = Remediations(bulletin, tree);
            var cvss = bulletin.Cvss!;
            vulnerability["scores"] = new JsonArray
            {
                new JsonObject
                {
                    ["cvss_v3"] = new JsonObject
                    {
                        ["baseScore"] = (double)cvss.BaseScore,
                        ["baseSeverity"] = cvss.Severity.ToUpperInvariant(),
                        ["vectorString"] = cvss.Vector,
                        ["version"] = "3.1",
                    },
                    ["products"] = Ids(tree.Affected),
                },
            };
            vulnerability["title"] = bulletin.Title;
            vulnerabilities.Add(vulnerability);
        }

        return vulnerabilities;
    }

    private static JsonArray Remediations(Bulletin bulletin, CsafProductTree tree)
    {
        var remediations = new JsonArray();
        if (bulletin.FixedIn.Count > 0)
        {
            remediations.Add(new JsonObject
            {
                ["category"] = "vendor_fix",
                ["details"] = "Update to " + string.Join(", ", bulletin.FixedIn.Select(f => $"{f.Product} {f.Version.ToNormalizedString()}")) + " or later.",
                ["product_ids"] = Ids(tree.Affected),
            });
        }

        if (bulletin.Workaround is { } workaround)
        {
            remediations.Add(new JsonObject { ["category"] = "workaround", ["details"] = workaround, ["product_ids"] = Ids(tree.Affected) });
        }

        if (remediations.Count == 0)
        {
            remediations.Add(new JsonObject
            {
                ["category"] = "none_available",
                ["details"] = "No fix is available yet; this bulletin will be revised when one is.",
                ["product_ids"] = Ids(tree.Affected),
            });
        }

        return remediations;
    }

    private static JsonArray Ids(IEnumerable<string> ids) => new([.. ids.Select(id => (JsonNode)JsonValue.Create(id))]);
}
