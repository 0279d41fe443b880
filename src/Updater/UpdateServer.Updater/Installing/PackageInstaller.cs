using UpdateServer.Packaging;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Packages;
using UpdateServer.Updater.Hooks;

namespace UpdateServer.Updater.Installing;

/// <summary>
/// Installs a downloaded, TUF-verified package: extracts it safely into a staging folder, checks its manifest
/// against the signed release facts, moves the payload to <c>versions/&lt;version&gt;/</c> of the product it
/// installs (an upgrade package installs another product's version), runs the pre-install and install hooks,
/// switches <c>current</c> atomically, then runs the post-install and health-check hooks. Until the switch nothing the
/// running version uses is touched. When a hook fails, the previous version is switched back, the package's rollback
/// hook runs and the new version's folders are removed: the machine is left as it was.
/// </summary>
public sealed class PackageInstaller(InstallLayout layout, HookRunner hooks)
{
    private static readonly string[] BeforeSwitch = [HookPhase.PreInstall, HookPhase.Install];
    private static readonly string[] AfterSwitch = [HookPhase.PostInstall, HookPhase.HealthCheck];

    /// <returns>The hooks that ran, in order.</returns>
    /// <exception cref="PackageException">The archive is malformed or unsafe.</exception>
    /// <exception cref="PackageFactsMismatchException">The manifest names another product, version or kind.</exception>
    /// <exception cref="HookFailedException">A hook failed; the install was undone.</exception>
    public async Task<IReadOnlyList<HookResult>> InstallAsync(ReleaseFacts facts, string packagePath, CancellationToken cancellationToken)
    {
        var productDirectory = layout.ProductDirectory(facts.InstallsProduct);
        var version = facts.InstallsVersion.ToFullString();
        Directory.CreateDirectory(productDirectory);
        var staging = Path.Combine(productDirectory, $".staging-{Guid.NewGuid():N}");
        PackageManifest manifest;
        try
        {
            await using (var package = File.OpenRead(packagePath))
            {
                manifest = await PackageExtractor.ExtractAsync(package, staging, cancellationToken);
            }

            CheckAgreement(facts, manifest);
            var previous = CurrentLink.Read(productDirectory);
            if (previous == version)
            {
                // A power cut after the switch but before the state was saved: the version is in place already.
                return [];
            }

            Place(facts, manifest, staging);
        }
        finally
        {
            DeleteIfPresent(staging);
        }

        return await ActivateAsync(facts, manifest.Hooks, cancellationToken);
    }

    /// <summary>Removes staging folders an interrupted install left behind (nothing ever points into them).</summary>
    public static void RemoveAbandonedStaging(InstallLayout layout, IEnumerable<string> products)
    {
        foreach (var product in products)
        {
            var directory = layout.ProductDirectory(product);
            if (Directory.Exists(directory))
            {
                foreach (var staging in Directory.GetDirectories(directory, ".staging-*"))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
        }
    }

    private void Place(ReleaseFacts facts, PackageManifest manifest, string staging)
    {
        var version = facts.InstallsVersion.ToFullString();
        var versionDirectory = layout.VersionDirectory(facts.InstallsProduct, version);
        var packageDirectory = layout.PackageDirectory(facts.InstallsProduct, version);

        // A folder left by an install that never switched to it is not in use: replace it.
        DeleteIfPresent(versionDirectory);
        DeleteIfPresent(packageDirectory);
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

        var hookFolder = Path.Combine(staging, "hooks");
        if (Directory.Exists(hookFolder))
        {
            Directory.Move(hookFolder, Path.Combine(packageDirectory, "hooks"));
        }

        DurableFile.WriteAtomically(Path.Combine(packageDirectory, PackageManifest.FileName), manifest.ToUtf8Bytes());
        DurableFile.FlushDirectory(Path.GetDirectoryName(versionDirectory)!);
    }

    private async Task<IReadOnlyList<HookResult>> ActivateAsync(ReleaseFacts facts, PackageHooks packageHooks, CancellationToken cancellationToken)
    {
        var productDirectory = layout.ProductDirectory(facts.InstallsProduct);
        var version = facts.InstallsVersion.ToFullString();
        var previous = CurrentLink.Read(productDirectory);
        var context = new HookContext(facts.Product, facts.Version.ToFullString(), facts.InstallsProduct, version, previous,
            layout.VersionDirectory(facts.InstallsProduct, version), layout.PackageDirectory(facts.InstallsProduct, version), layout.InstallRoot);
        var ran = new List<HookResult>();
        var switched = false;
        foreach (var phase in BeforeSwitch.Append(null).Concat(AfterSwitch))
        {
            if (phase is null)
            {
                CurrentLink.Switch(productDirectory, version);
                switched = true;
                continue;
            }

            if (HookPhase.ScriptOf(packageHooks, phase) is not { } script)
            {
                continue;
            }

            HookResult result;
            try
            {
                result = await hooks.RunAsync(phase, script, context, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Stopped mid-install (Ctrl+C, service stop): undone like a failure, so no unchecked version stays active.
                await UndoAsync(facts, packageHooks, context, previous, switched, ran, CancellationToken.None);
                throw;
            }

            ran.Add(result);
            if (!result.Succeeded)
            {
                await UndoAsync(facts, packageHooks, context, previous, switched, ran, CancellationToken.None);
                throw new HookFailedException(result, ran, switched);
            }
        }

        return ran;
    }

    /// <summary>Switches back to the previous version (if the switch happened), runs the rollback hook and removes the new version.</summary>
    private async Task UndoAsync(ReleaseFacts facts, PackageHooks packageHooks, HookContext context, string? previous, bool switched,
        List<HookResult> ran, CancellationToken cancellationToken)
    {
        var productDirectory = layout.ProductDirectory(facts.InstallsProduct);
        if (switched)
        {
            if (previous is null)
            {
                CurrentLink.Remove(productDirectory);
            }
            else
            {
                CurrentLink.Switch(productDirectory, previous);
            }
        }

        if (packageHooks.Rollback is { } rollback)
        {
            ran.Add(await hooks.RunAsync(HookPhase.Rollback, rollback, context, cancellationToken));
        }

        DeleteIfPresent(context.VersionDirectory);
        DeleteIfPresent(context.PackageDirectory);
    }

    private static void CheckAgreement(ReleaseFacts facts, PackageManifest manifest)
    {
        if (ManifestAgreement.Differences(facts, manifest) is { Count: > 0 } differences)
        {
            throw new PackageFactsMismatchException($"The package disagrees with its signed target: {string.Join("; ", differences)}.");
        }
    }

    private static void DeleteIfPresent(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
