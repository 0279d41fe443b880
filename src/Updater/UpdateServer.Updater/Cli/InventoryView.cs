using System.Globalization;
using Spectre.Console;
using UpdateServer.Updater.Inventory;

namespace UpdateServer.Updater.Cli;

/// <summary>The <c>--json</c> shape and the tables of <c>updater inventory</c>.</summary>
public sealed record InventoryView(
    string Os,
    string Arch,
    OsRelease OsRelease,
    IReadOnlyList<string> HardwareIds,
    IReadOnlyDictionary<string, string> Installed,
    IReadOnlyDictionary<string, string> Components,
    IReadOnlyList<ProbeResult> Probes)
{
    public static InventoryView Of(MachineInventory inventory) => new(inventory.Os, inventory.Arch, inventory.OsRelease, inventory.HardwareIds,
        inventory.Installed.ToDictionary(p => p.Key, p => p.Value.ToFullString(), StringComparer.Ordinal),
        inventory.Components.ToDictionary(c => c.Key, c => c.Value.ToNormalizedString(), StringComparer.Ordinal),
        inventory.Probes);

    public static void Write(CliOutput output, MachineInventory inventory)
    {
        output.WriteLine($"os: {inventory.Os}/{inventory.Arch} ({inventory.OsRelease.PrettyName ?? inventory.OsRelease.Id ?? "unknown distribution"})");
        var products = new Table().AddColumns("Installed product", "Version");
        foreach (var (product, version) in inventory.Installed.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            products.AddRow(Markup.Escape(product), Markup.Escape(version.ToFullString()));
        }

        output.Console.Write(inventory.Installed.Count == 0 ? new Text("No products installed.\n") : products);
        var components = new Table().AddColumns("Component", "Version", "Probe");
        foreach (var (id, version) in inventory.Components.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            components.AddRow(Markup.Escape(id), Markup.Escape(version.ToNormalizedString()), "found");
        }

        foreach (var probe in inventory.Probes.Where(p => p.Version is null))
        {
            components.AddRow(Markup.Escape(probe.Id), "-", Markup.Escape(probe.Problem ?? "not found"));
        }

        output.Console.Write(components.Rows.Count == 0 ? new Text("No components found.\n") : components);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hardware IDs: {inventory.HardwareIds.Count}"));
        foreach (var id in inventory.HardwareIds)
        {
            output.WriteLine($"  {id}");
        }
    }
}
