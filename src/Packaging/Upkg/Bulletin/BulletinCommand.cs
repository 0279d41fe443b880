using System.CommandLine;
using System.Globalization;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Bulletin;

/// <summary>
/// <c>upkg bulletin new | sign | publish</c>: write a draft bulletin, seal a revision of it, publish sealed revisions
/// as signed targets of the vendor's delegation.
/// </summary>
public static class BulletinCommand
{
    public static Command Create(UpkgEnvironment environment) =>
        new("bulletin", "Write, seal and publish bug, security and upgrade bulletins")
        {
            CreateNew(environment),
            CreateSign(environment),
            BulletinPublishCommand.Create(environment),
        };

    private static Command CreateNew(UpkgEnvironment environment)
    {
        var id = new Argument<string>("id") { Description = "The bulletin id: <VENDOR>-<YEAR>-<NNNN>, e.g. ACME-2026-0001" };
        var type = new Option<string>("--type") { Description = "security, bugfix, enhancement or notice", Required = true };
        type.AcceptOnlyFromAmong([.. BulletinTypes.All]);
        var title = new Option<string>("--title") { Description = "One line", Required = true };
        var summary = new Option<string>("--summary") { Description = "A paragraph", Required = true };
        var severity = new Option<string>("--severity") { Description = "none, low, medium, high or critical (security: from --cvss)" };
        severity.AcceptOnlyFromAmong([.. BulletinSeverities.All]);
        var cvss = new Option<string>("--cvss") { Description = "CVSS v3.1 base vector (security bulletins), e.g. CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" };
        var details = new Option<string>("--details-file") { Description = "Markdown file with the details", HelpName = "FILE.md" };
        var workaround = new Option<string>("--workaround") { Description = "What to do until the fix is installed" };
        var affects = new Option<string[]>("--affects") { Description = "Your product and affected range: PRODUCT=RANGE, e.g. acme.culture-platform=[1.0.0, 2.1.0); repeatable" };
        var components = new Option<string[]>("--component") { Description = "Third-party component and range: ID=RANGE, e.g. postgres.server=[15.0, 15.6); repeatable" };
        var fixedIn = new Option<string[]>("--fixed") { Description = "Fixed-in release: PRODUCT=VERSION; repeatable" };
        var cves = new Option<string[]>("--cve") { Description = "CVE id; repeatable" };
        var references = new Option<string[]>("--reference") { Description = "URL or URL=SUMMARY; repeatable" };
        var output = new Option<string>("--out") { Description = "The draft file to write", HelpName = "FILE.json", Required = true };
        var json = CommonOptions.Json();
        var command = new Command("new", "Write a draft bulletin (revision 1) from the command line")
        {
            id, type, title, summary, severity, cvss, details, workaround, affects, components, fixedIn, cves, references, output, json,
        };
        command.SetAction(parse =>
        {
            var detailsFile = parse.GetValue(details);
            var draft = new BulletinDraft(parse.GetRequiredValue(id), parse.GetRequiredValue(type), parse.GetRequiredValue(title), parse.GetRequiredValue(summary))
            {
                Severity = parse.GetValue(severity),
                CvssVector = parse.GetValue(cvss),
                Details = detailsFile is null ? string.Empty : File.ReadAllText(detailsFile),
                Workaround = parse.GetValue(workaround),
                Affects = parse.GetValue(affects) ?? [],
                Components = parse.GetValue(components) ?? [],
                FixedIn = parse.GetValue(fixedIn) ?? [],
                Cves = parse.GetValue(cves) ?? [],
                References = parse.GetValue(references) ?? [],
            };
            var file = parse.GetRequiredValue(output);
            var bulletin = draft.ToBulletin(environment.Time.GetUtcNow());
            var bytes = BulletinFiles.Write(file, bulletin);
            Report(new CommandOutput(environment, parse.GetValue(json)), file, bulletin, bytes);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateSign(UpkgEnvironment environment)
    {
        var draft = new Argument<string>("draft") { Description = "The draft (or an edited copy of the last revision)" };
        var previous = new Option<string>("--previous") { Description = "The last published revision, to make the next one", HelpName = "FILE.json" };
        var summary = new Option<string>("--summary") { Description = "What this revision changes (required with --previous)" };
        var status = new Option<string>("--status") { Description = "active, superseded (with --superseded-by) or withdrawn" };
        status.AcceptOnlyFromAmong([.. BulletinStatuses.All]);
        var supersededBy = new Option<string>("--superseded-by") { Description = "The bulletin id that replaces this one", HelpName = "ID" };
        var output = new Option<string>("--out") { Description = "Folder for the sealed revision", HelpName = "DIR", Required = true };
        var json = CommonOptions.Json();
        var command = new Command("sign", "Seal a revision: number, history and dates fixed and checked as the server will; writes <ID>.r<N>.bulletin.json")
        {
            draft, previous, summary, status, supersededBy, output, json,
        };
        command.SetAction(parse =>
        {
            var (document, _) = BulletinFiles.Read(parse.GetRequiredValue(draft));
            if (parse.GetValue(status) is { } newStatus)
            {
                document = document with { Status = newStatus, SupersededBy = parse.GetValue(supersededBy) };
            }

            var before = parse.GetValue(previous) is { } file ? BulletinFiles.Read(file).Document : null;
            var sealedRevision = BulletinSealer.Seal(document, before, parse.GetValue(summary), environment.Time.GetUtcNow());
            var target = Path.Combine(parse.GetRequiredValue(output), BulletinSealer.FileName(sealedRevision));
            var bytes = BulletinFiles.Write(target, sealedRevision);
            Report(new CommandOutput(environment, parse.GetValue(json)), target, sealedRevision, bytes);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Report(CommandOutput output, string file, Packaging.Bulletins.Bulletin bulletin, byte[] bytes)
    {
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        if (output.Json)
        {
            output.WriteJson(new { file, id = bulletin.Id, revision = bulletin.Revision, type = bulletin.Type, severity = bulletin.Severity, bulletin.Status, length = bytes.Length, sha256 });
            return;
        }

        output.Write(CommandOutput.Facts(
            ("file", file),
            ("bulletin", $"{bulletin.Id} revision {bulletin.Revision.ToString(CultureInfo.InvariantCulture)}"),
            ("type", $"{bulletin.Type} ({bulletin.Severity}{(bulletin.Cvss is { } c ? $", CVSS {c.BaseScore.ToString("0.0", CultureInfo.InvariantCulture)}" : string.Empty)})"),
            ("status", bulletin.Status),
            ("sha256", sha256)));
    }
}
