using System.Security.Cryptography;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Updater.Hooks;
using UpdateServer.Updater.Installing;
using UpdateServer.Updater.Transactions;

namespace UpdateServer.Updater.Tests.Installing;

/// <summary>A <see cref="PackageInstaller"/> whose journal and install state live in a <c>data</c> folder beside the install root.</summary>
public sealed class TestInstaller(InstallLayout layout, HookRunner hooks, FaultPoints? faults = null, int keepVersions = 2)
{
    public InstallSite Site { get; } = InstallSite.Create(layout.InstallRoot, Path.Combine(Path.GetDirectoryName(layout.InstallRoot)!, "data"),
        TimeSpan.FromSeconds(30), keepVersions, faults ?? FaultPoints.None, TimeProvider.System) with { Hooks = hooks };

    public async Task<IReadOnlyList<HookResult>> InstallAsync(ReleaseFacts facts, string package, CancellationToken cancellationToken)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(package, cancellationToken)));
        return await new PackageInstaller(Site).InstallAsync(facts, package,
            new PackageOrigin($"{facts.Vendor}/{facts.Product}-{facts.Version.ToFullString()}.upkg", sha256, null), cancellationToken);
    }
}
