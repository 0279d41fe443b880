using NuGet.Versioning;
using UpdateServer.Updater.Configuration;

namespace UpdateServer.Updater.Inventory;

/// <summary>Collects the machine's inventory: OS release, hardware IDs, installed products, probed components.</summary>
public static class InventoryReader
{
    /// <param name="settings">The configuration (inventory root, probes, OS, architecture).</param>
    /// <param name="products">Every product that may be installed: the managed ones and those in the install state (drivers).</param>
    /// <param name="installedVersion">The installed version of a product, or null.</param>
    /// <param name="cancellationToken">Cancels the probes.</param>
    public static async Task<MachineInventory> ReadAsync(UpdaterSettings settings, IEnumerable<string> products,
        Func<string, NuGetVersion?> installedVersion, CancellationToken cancellationToken)
    {
        var osRelease = OsRelease.Read(settings.InventoryRoot);
        var components = new Dictionary<string, NuGetVersion>(StringComparer.Ordinal);
        if (osRelease.AsComponent is { } os)
        {
            components[os.Id] = os.Version;
        }

        var probes = new List<ProbeResult>();
        foreach (var probe in settings.Probes)
        {
            var result = await ComponentProber.RunAsync(probe, cancellationToken);
            probes.Add(result);
            if (result.Version is { } version)
            {
                components[probe.Id] = NuGetVersion.Parse(version);
            }
        }

        var installed = products.Distinct(StringComparer.Ordinal).Select(p => (Product: p, Version: installedVersion(p)))
            .Where(p => p.Version is not null)
            .ToDictionary(p => p.Product, p => p.Version!, StringComparer.Ordinal);
        return new MachineInventory(settings.Os, settings.Arch, osRelease, SysfsHardware.Read(settings.InventoryRoot), installed, components, probes);
    }
}
