using System.CommandLine;
using Spectre.Console;
using UpdateServer.Packaging.Packages;
using UpdateServer.Packaging.Trust;
using UpdateServer.Updater.Checking;
using UpdateServer.Updater.Configuration;
using UpdateServer.Updater.Installing;
using UpdateServer.Updater.Updating;

namespace UpdateServer.Updater.Cli;

/// <summary><c>check</c>, <c>apply</c> and <c>status</c>: the commands an operator or a timer runs on a machine.</summary>
public static class UpdateCommands
{
    public static IEnumerable<Command> Create(GlobalOptions options, Func<CliOutput> output)
    {
        var check = new Command("check", "Refresh trusted metadata and list the updates this machine should install");
        check.SetAction((parse, ct) => RunAsync(parse, options, output(), async (runner, o, json) =>
        {
            var outcome = await runner.CheckAsync(ct);
            if (json)
            {
                o.WriteJson(CheckView.Of(outcome));
            }
            else
            {
                WriteUpdates(o, outcome);
            }

            return 0;
        }));

        var apply = new Command("apply", "Download, verify and install every update confirmed by signed metadata");
        apply.SetAction((parse, ct) => RunAsync(parse, options, output(), async (runner, o, json) =>
        {
            var renderer = new DownloadProgressRenderer(o);
            var (checkOutcome, results) = await renderer.RunAsync(() => runner.ApplyAsync(json ? null : renderer, ct));
            if (json)
            {
                o.WriteJson(new { check = CheckView.Of(checkOutcome), results });
            }
            else
            {
                WriteResults(o, checkOutcome, results);
            }

            return results.Any(r => !r.Succeeded) ? o.Fail($"{results.Count(r => !r.Succeeded)} update(s) failed: " +
                string.Join("; ", results.Where(r => !r.Succeeded).Select(r => $"{r.Product} {r.ToVersion}: {r.Error}"))) : 0;
        }));

        var status = new Command("status", "Show what is installed and which metadata is trusted");
        status.SetAction((parse, ct) => RunAsync(parse, options, output(), (runner, o, json) =>
        {
            var state = runner.LoadState();
            if (json)
            {
                o.WriteJson(state);
            }
            else
            {
                var table = new Table().AddColumns("Product", "Version", "Kind", "Installed at", "Previous");
                foreach (var release in state.Products.Values.OrderBy(r => r.Product, StringComparer.Ordinal))
                {
                    table.AddRow(Markup.Escape(release.Product), Markup.Escape(release.Version), release.Kind,
                        release.InstalledAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(release.PreviousVersion ?? "-"));
                }

                o.Console.Write(state.Products.Count == 0 ? new Text("Nothing installed yet.\n") : table);
            }

            return Task.FromResult(0);
        }));

        return [check, apply, status];
    }

    private static async Task<int> RunAsync(ParseResult parse, GlobalOptions options, CliOutput output,
        Func<UpdateRunner, CliOutput, bool, Task<int>> work)
    {
        try
        {
            var settings = UpdaterConfigLoader.Load(parse.GetValue(options.Config)!);
            using var services = new UpdaterServices(parse.GetValue(options.Verbose), output.Error, settings);
            return await work(services.Runner, output, parse.GetValue(options.Json));
        }
        catch (Exception e) when (e is ConfigurationException or TufException or ServerApiException or InstallLockedException
            or PackageException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return output.Fail(e.Message);
        }
    }

    private static void WriteUpdates(CliOutput output, CheckOutcome outcome)
    {
        var table = new Table().AddColumns("Product", "Installed", "Available", "Kind", "Channel", "Mandatory");
        foreach (var update in outcome.Updates)
        {
            table.AddRow(Markup.Escape(update.Facts.Product), Markup.Escape(update.InstalledVersion ?? "-"),
                Markup.Escape(update.Facts.Version.ToFullString()), update.Facts.Kind, update.Facts.Channel, update.Facts.Mandatory ? "yes" : "no");
        }

        output.Console.Write(outcome.Updates.Count == 0 ? new Text("No updates.\n") : table);
        WriteRefused(output, outcome);
    }

    private static void WriteResults(CliOutput output, CheckOutcome outcome, IReadOnlyList<ApplyResult> results)
    {
        var table = new Table().AddColumns("Product", "From", "To", "Result");
        foreach (var result in results)
        {
            table.AddRow(Markup.Escape(result.Product), Markup.Escape(result.FromVersion ?? "-"), Markup.Escape(result.ToVersion),
                result.Succeeded ? "installed" : Markup.Escape($"failed ({result.ErrorCode})"));
        }

        output.Console.Write(results.Count == 0 ? new Text("Nothing to install.\n") : table);
        WriteRefused(output, outcome);
    }

    private static void WriteRefused(CliOutput output, CheckOutcome outcome)
    {
        foreach (var refused in outcome.Refused)
        {
            output.WriteLine($"refused advice for {refused.Product} ({refused.TargetPath}): {refused.Reason}");
        }
    }
}
