using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Updater.Bulletins;

namespace UpdateServer.Updater.Cli;

/// <summary>
/// <c>updater bulletins [--available | --installed | --all] [--type T] [--severity S] [--json]</c>: the bulletins that
/// bear on this machine, each verified through TUF, like <c>dnf advisory list</c>.
/// </summary>
public static class BulletinsCommand
{
    public static Command Create(GlobalOptions options, Func<CliOutput> output)
    {
        var available = new Option<bool>("--available") { Description = "Bulletins whose fix is still to install: an installed version is affected (the default)" };
        var installed = new Option<bool>("--installed") { Description = "Bulletins whose fix is installed already" };
        var all = new Option<bool>("--all") { Description = "Both" };
        var type = new Option<string>("--type") { Description = "Only this type: security, bugfix, enhancement or notice" };
        type.AcceptOnlyFromAmong([.. BulletinTypes.All]);
        var severity = new Option<string>("--severity") { Description = "Only this severity and above: none, low, medium, high or critical" };
        severity.AcceptOnlyFromAmong([.. BulletinSeverities.All]);
        var command = new Command("bulletins", "List the bug, security and upgrade bulletins that bear on this machine (verified through TUF)")
        {
            available, installed, all, type, severity,
        };
        command.Validators.Add(result =>
        {
            if (new[] { available, installed, all }.Count(o => result.GetValue(o)) > 1)
            {
                result.AddError("choose one of --available, --installed and --all.");
            }
        });
        command.SetAction((parse, ct) => UpdateCommands.RunAsync(parse, options, output(), async (runner, o, json) =>
        {
            var which = parse.GetValue(installed) ? BulletinScope.Installed : parse.GetValue(all) ? BulletinScope.All : BulletinScope.Available;
            var scope = new BulletinScope(which, parse.GetValue(type), parse.GetValue(severity));
            var (bulletins, refused) = await runner.BulletinsAsync(ct);
            var shown = bulletins.Where(scope.Includes).OrderByDescending(b => BulletinSeverities.Rank(b.Document.Severity))
                .ThenBy(b => b.Document.Id, StringComparer.Ordinal).ToList();
            if (json)
            {
                o.WriteJson(new { scope = which, bulletins = shown.Select(BulletinView.Of).ToList(), refused });
                return 0;
            }

            var table = new Table().AddColumns("Bulletin", "Type", "Severity", "Status", "Title", "Why", "Fixed in");
            foreach (var b in shown)
            {
                var d = b.Document;
                table.AddRow(Markup.Escape($"{d.Id} r{d.Revision.ToString(CultureInfo.InvariantCulture)}"), d.Type,
                    d.Severity + (d.Cvss is { } c ? $" ({c.BaseScore.ToString("0.0", CultureInfo.InvariantCulture)})" : string.Empty),
                    b.Exposure.Status, Markup.Escape(d.Title), Markup.Escape(string.Join("; ", b.Exposure.Evidence)),
                    Markup.Escape(string.Join(", ", d.FixedIn.Select(f => $"{f.Product} {f.Version.ToNormalizedString()}"))));
            }

            o.Console.Write(shown.Count == 0 ? new Text($"No {which} bulletins.\n") : table);
            foreach (var refusal in refused)
            {
                o.WriteLine($"refused bulletin {refusal.Product} ({refusal.TargetPath}): {refusal.Reason}");
            }

            return 0;
        }));
        return command;
    }
}
