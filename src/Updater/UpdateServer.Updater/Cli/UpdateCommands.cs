using System.CommandLine;
using Spectre.Console;
using UpdateServer.Packaging.Bundles;
using UpdateServer.Packaging.Packages;
using UpdateServer.Packaging.Trust;
using UpdateServer.Updater.Bundles;
using UpdateServer.Updater.Checking;
using UpdateServer.Updater.Configuration;
using UpdateServer.Updater.Installing;
using UpdateServer.Updater.Transactions;
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

        var downloadOnly = new Option<bool>("--download-only") { Description = "Download and verify the updates, install nothing (they install from the kept files later)" };
        var bundle = new Option<string>("--bundle")
        {
            Description = "Apply an offline bundle (from upkg bundle) instead of asking the server; verified through the same trust chain, installs now",
            HelpName = "FILE",
        };
        var apply = new Command("apply", "Download, verify and install every update confirmed by signed metadata, as the policy allows") { downloadOnly, bundle };
        apply.Validators.Add(result =>
        {
            if (result.GetResult(bundle) is not null && result.GetValue(downloadOnly))
            {
                result.AddError("--bundle installs what the bundle holds; it cannot be combined with --download-only.");
            }
        });
        apply.SetAction((parse, ct) => RunAsync(parse, options, output(), async (runner, o, json) =>
        {
            var renderer = new DownloadProgressRenderer(o);
            var (checkOutcome, results) = await renderer.RunAsync(() => parse.GetValue(bundle) is { } file
                ? runner.ApplyBundleAsync(file, json ? null : renderer, ct)
                : runner.ApplyAsync(json ? null : renderer, parse.GetValue(downloadOnly), ct));
            if (json)
            {
                o.WriteJson(new { check = CheckView.Of(checkOutcome), results = results.Select(ResultView.Of).ToList() });
            }
            else
            {
                WriteResults(o, checkOutcome, results);
            }

            return results.Any(r => r.IsFailure) ? o.Fail($"{results.Count(r => r.IsFailure)} update(s) failed: " +
                string.Join("; ", results.Where(r => r.IsFailure).Select(r => $"{r.Product} {r.ToVersion}: {r.Error}"))) : 0;
        }));

        var status = new Command("status", "Show what is installed and which metadata is trusted");
        status.SetAction((parse, ct) => RunAsync(parse, options, output(), async (runner, o, json) =>
        {
            await RecoverUnlessBusyAsync(runner, o, ct);
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
                foreach (var held in state.Held.Values.OrderBy(h => h.Product, StringComparer.Ordinal))
                {
                    o.WriteLine($"held: {held.Product} {held.Version} ({held.TargetPath}) since {held.HeldAt:u}: {held.Reason} (updater unhold {held.Product})");
                }
            }

            return 0;
        }));

        var inventory = new Command("inventory", "Show what this machine is and has: OS, hardware IDs, installed products, probed components");
        inventory.SetAction((parse, ct) => RunAsync(parse, options, output(), async (runner, o, json) =>
        {
            var found = await runner.ReadInventoryAsync(ct);
            if (json)
            {
                o.WriteJson(InventoryView.Of(found));
            }
            else
            {
                InventoryView.Write(o, found);
            }

            return 0;
        }));

        var product = new Argument<string>("product") { Description = "The product whose held packages may be tried again" };
        var unhold = new Command("unhold", "Release the hold on a product's packages that failed and were rolled back here") { product };
        unhold.SetAction((parse, ct) => RunAsync(parse, options, output(), (runner, o, json) =>
        {
            var released = runner.Unhold(parse.GetRequiredValue(product));
            if (json)
            {
                o.WriteJson(new { product = parse.GetRequiredValue(product), released });
            }
            else
            {
                o.WriteLine(released == 0 ? $"{parse.GetRequiredValue(product)}: nothing was held." : $"{parse.GetRequiredValue(product)}: {released} package(s) released; the next apply tries them again.");
            }

            return Task.FromResult(0);
        }));

        return [check, apply, status, inventory, unhold, RollbackCommand.Create(options, output), DaemonCommand.Create(options, output),
            BulletinsCommand.Create(options, output)];
    }

    /// <summary>Finishes or undoes an unfinished transaction, unless another updater is at work (it recovers itself).</summary>
    internal static async Task RecoverUnlessBusyAsync(UpdateRunner runner, CliOutput output, CancellationToken cancellationToken)
    {
        try
        {
            if (await runner.RecoverAsync(cancellationToken) is { } recovered)
            {
                output.Error.WriteLine($"updater: recovered the transaction of {recovered.Journal.Product} {recovered.Journal.Version} " +
                    $"found at {recovered.Journal.Phase}: {(recovered.Committed ? "finished" : "undone")}");
            }
        }
        catch (InstallLockedException)
        {
            output.Error.WriteLine("updater: another updater is applying; showing the state as it is now");
        }
    }

    /// <summary>Runs <paramref name="work"/> with the configured services; expected failures become one line and exit code 1.</summary>
    internal static async Task<int> RunAsync(ParseResult parse, GlobalOptions options, CliOutput output,
        Func<UpdateRunner, CliOutput, bool, Task<int>> work)
    {
        try
        {
            var settings = UpdaterConfigLoader.Load(parse.GetValue(options.Config)!);
            using var services = new UpdaterServices(parse.GetValue(options.Verbose), output.Error, settings);
            return await work(services.Runner, output, parse.GetValue(options.Json));
        }
        catch (Exception e) when (e is ConfigurationException or TufException or ServerApiException or InstallLockedException
            or PackageException or IOException or UnauthorizedAccessException or InvalidDataException or RollbackUnavailableException
            or BundleFormatException or BundleRefusedException)
        {
            return output.Fail(e.Message);
        }
    }

    private static void WriteUpdates(CliOutput output, CheckOutcome outcome)
    {
        var table = new Table().AddColumns("#", "Release", "Kind", "Installs", "From", "To", "Mandatory", "Why");
        foreach (var (update, index) in outcome.Updates.Select((u, i) => (u, i + 1)))
        {
            table.AddRow(index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape($"{update.Facts.Product} {update.Facts.Version.ToFullString()}"), update.Facts.Kind,
                Markup.Escape(update.Facts.InstallsProduct), Markup.Escape(update.FromVersion ?? "-"),
                Markup.Escape(update.Facts.InstallsVersion.ToFullString()), update.Facts.Mandatory ? "yes" : "no", Markup.Escape(update.Reason));
        }

        output.Console.Write(outcome.Updates.Count == 0 ? new Text("No updates.\n") : table);
        WriteHeld(output, outcome);
        WriteRefused(output, outcome);
    }

    private static void WriteResults(CliOutput output, CheckOutcome outcome, IReadOnlyList<ApplyResult> results)
    {
        var table = new Table().AddColumns("Product", "From", "To", "Result", "Hooks");
        foreach (var result in results)
        {
            table.AddRow(Markup.Escape(result.Product), Markup.Escape(result.FromVersion ?? "-"), Markup.Escape(result.ToVersion),
                result.Succeeded ? "installed" : result.IsFailure ? Markup.Escape($"{result.Outcome} ({result.ErrorCode})") : Markup.Escape($"{result.Outcome}: {result.Error}"),
                Markup.Escape(string.Join(", ", result.Hooks.Select(h => $"{h.Phase}:{h.Outcome.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}"))));
        }

        output.Console.Write(results.Count == 0 ? new Text("Nothing to install.\n") : table);
        WriteHeld(output, outcome);
        WriteRefused(output, outcome);
    }

    private static void WriteHeld(CliOutput output, CheckOutcome outcome)
    {
        foreach (var held in outcome.Held)
        {
            output.WriteLine($"held back: {held.Product} {held.Version}: {held.Reason}");
        }

        foreach (var unsatisfied in outcome.Unsatisfied)
        {
            output.WriteLine($"cannot satisfy {unsatisfied.Product}: {unsatisfied.Reason}");
        }
    }

    private static void WriteRefused(CliOutput output, CheckOutcome outcome)
    {
        foreach (var refused in outcome.Refused)
        {
            output.WriteLine($"refused advice for {refused.Product} ({refused.TargetPath}): {refused.Reason}");
        }
    }
}
