using UpdateServer.Packaging;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Packages;
using UpdateServer.Updater.Hooks;
using UpdateServer.Updater.Transactions;

namespace UpdateServer.Updater.Installing;

/// <summary>
/// Installs a downloaded, TUF-verified package as one journaled transaction (<see cref="JournalPhases"/>): extracts
/// it safely into a staging folder and checks its manifest against the signed release facts (verified), moves the
/// payload to <c>versions/&lt;version&gt;/</c> of the product it installs (staged), runs the pre-install and install
/// hooks, switches <c>current</c> atomically (switched), runs the post-install and health-check hooks
/// (health-checked), then records the new version and removes versions beyond the kept ones (committed). The journal
/// is rewritten durably at each milestone. Any failure before the health check passed — a hook, a corrupt package,
/// cancellation — undoes the transaction (<see cref="InstallUndo"/>); a crash is finished or undone at the next start
/// (<see cref="JournalRecovery"/>).
/// </summary>
public sealed class PackageInstaller(InstallSite site)
{
    private static readonly string[] BeforeSwitch = [HookPhase.PreInstall, HookPhase.Install];
    private static readonly string[] AfterSwitch = [HookPhase.PostInstall, HookPhase.HealthCheck];

    /// <returns>The hooks that ran, in order.</returns>
    /// <exception cref="PackageException">The archive is malformed or unsafe; nothing changed.</exception>
    /// <exception cref="PackageFactsMismatchException">The manifest names another product, version or kind; nothing changed.</exception>
    /// <exception cref="HookFailedException">A hook failed; the install was undone.</exception>
    /// <exception cref="InvalidOperationException">Another transaction is unfinished; recover it first.</exception>
    public async Task<IReadOnlyList<HookResult>> InstallAsync(ReleaseFacts facts, string packagePath, PackageOrigin origin,
        CancellationToken cancellationToken)
    {
        if (site.Journal.Load() is { } unfinished)
        {
            throw new InvalidOperationException($"The transaction for {unfinished.Product} {unfinished.Version} is unfinished; recover it first.");
        }

        var productDirectory = site.Layout.ProductDirectory(facts.InstallsProduct);
        Directory.CreateDirectory(productDirectory);
        var journal = site.Journal.Save(new ApplyJournal
        {
            PackageProduct = facts.Product,
            PackageVersion = facts.Version.ToFullString(),
            Product = facts.InstallsProduct,
            Version = facts.InstallsVersion.ToFullString(),
            PreviousVersion = CurrentLink.Read(productDirectory),
            Kind = facts.Kind,
            TargetPath = origin.TargetPath,
            Sha256 = origin.Sha256,
            FromVersion = origin.FromVersion,
            Phase = JournalPhases.Downloaded,
            StartedAt = site.Time.GetUtcNow(),
        });

        var ran = new List<HookResult>();
        try
        {
            var manifest = await StageAsync(facts, packagePath, journal, cancellationToken).ConfigureAwait(false);
            journal = site.Journal.Save(journal with { Phase = JournalPhases.Staged });
            journal = await RunHooksAsync(BeforeSwitch, manifest.Hooks, journal, ran, cancellationToken).ConfigureAwait(false);
            journal = site.Journal.Save(journal with { Phase = JournalPhases.PreInstall });

            site.Faults.Reach("before switch");
            CurrentLink.Switch(productDirectory, journal.Version);
            site.Faults.Reach("switched");
            journal = site.Journal.Save(journal with { Phase = JournalPhases.Switched });

            journal = await RunHooksAsync([HookPhase.PostInstall], manifest.Hooks, journal, ran, cancellationToken).ConfigureAwait(false);
            journal = site.Journal.Save(journal with { Phase = JournalPhases.PostInstall });
            journal = await RunHooksAsync([HookPhase.HealthCheck], manifest.Hooks, journal, ran, cancellationToken).ConfigureAwait(false);
            journal = site.Journal.Save(journal with { Phase = JournalPhases.HealthChecked });
        }
        catch (HookStepFailedException failed)
        {
            var switched = CurrentLink.Read(productDirectory) == journal.Version;

            // The journal on disk is the latest word (the hook step recorded that hooks started).
            ran.AddRange(await new InstallUndo(site).RunAsync(site.Journal.Load() ?? journal, failed.Result.Failure, CancellationToken.None).ConfigureAwait(false));
            throw new HookFailedException(failed.Result, ran, switched);
        }
        catch (Exception e) when (e is not HookFailedException)
        {
            // Corrupt package, disagreeing facts, I/O error or cancellation: undone, so no unchecked version stays active.
            await new InstallUndo(site).RunAsync(site.Journal.Load() ?? journal, e.Message, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        new InstallCommit(site).Run(journal);
        return ran;
    }

    /// <summary>Extracts and checks the package (verified), then moves it into the version's folders (staged, flushed).</summary>
    private async Task<PackageManifest> StageAsync(ReleaseFacts facts, string packagePath, ApplyJournal journal, CancellationToken cancellationToken)
    {
        var productDirectory = site.Layout.ProductDirectory(journal.Product);
        var staging = Path.Combine(productDirectory, $".staging-{Guid.NewGuid():N}");
        try
        {
            PackageManifest manifest;
            await using (var package = File.OpenRead(packagePath))
            {
                manifest = await PackageExtractor.ExtractAsync(package, staging, cancellationToken).ConfigureAwait(false);
            }

            CheckAgreement(facts, manifest);
            DurableTree.Flush(staging, site.Faults);
            site.Journal.Save(journal with { Phase = JournalPhases.Verified });
            Place(journal, manifest, staging);
            return manifest;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private void Place(ApplyJournal journal, PackageManifest manifest, string staging)
    {
        var versionDirectory = site.Layout.VersionDirectory(journal.Product, journal.Version);
        var packageDirectory = site.Layout.PackageDirectory(journal.Product, journal.Version);

        // A folder left by an install that never switched to it is not in use: replace it.
        VersionRetention.Remove(versionDirectory);
        VersionRetention.Remove(packageDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(versionDirectory)!);
        Directory.CreateDirectory(packageDirectory);

        var payload = Path.Combine(staging, "payload");
        if (Directory.Exists(payload))
        {
            Directory.Move(payload, versionDirectory);
        }
        else
        {
            Directory.CreateDirectory(versionDirectory);
        }

        site.Faults.Reach("placed payload");
        var hookFolder = Path.Combine(staging, "hooks");
        if (Directory.Exists(hookFolder))
        {
            Directory.Move(hookFolder, Path.Combine(packageDirectory, "hooks"));
            site.Faults.Reach("placed hooks");
        }

        DurableFile.WriteAtomically(Path.Combine(packageDirectory, PackageManifest.FileName), manifest.ToUtf8Bytes());
        DurableFile.FlushDirectory(packageDirectory);
        DurableFile.FlushDirectory(Path.GetDirectoryName(versionDirectory)!);
        site.Faults.Reach("placed manifest");
    }

    private async Task<ApplyJournal> RunHooksAsync(string[] phases, PackageHooks packageHooks, ApplyJournal journal, List<HookResult> ran,
        CancellationToken cancellationToken)
    {
        var context = new InstallUndo(site).Context(journal);
        foreach (var phase in phases)
        {
            if (HookPhase.ScriptOf(packageHooks, phase) is not { } script)
            {
                continue;
            }

            if (!journal.HooksStarted)
            {
                // From here an undo runs the package's rollback hook: a hook may have changed something outside the version's folder.
                journal = site.Journal.Save(journal with { HooksStarted = true });
            }

            site.Faults.Reach($"before {phase} hook");
            var result = await site.Hooks.RunAsync(phase, script, context, cancellationToken).ConfigureAwait(false);
            ran.Add(result);
            site.Faults.Reach($"after {phase} hook");
            if (!result.Succeeded)
            {
                throw new HookStepFailedException(result);
            }
        }

        return journal;
    }

    private static void CheckAgreement(ReleaseFacts facts, PackageManifest manifest)
    {
        if (ManifestAgreement.Differences(facts, manifest) is { Count: > 0 } differences)
        {
            throw new PackageFactsMismatchException($"The package disagrees with its signed target: {string.Join("; ", differences)}.");
        }
    }
}
