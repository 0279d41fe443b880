using NuGet.Versioning;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Server.Bulletins;

namespace UpdateServer.Server.Catalog;

/// <summary>
/// Answers "what should this machine install?" from the catalog index alone (no database, no blobs, no signing):
/// the <see cref="InstallPlanner"/>'s ordered plan for the device's inventory, with the reasons. The answer depends on
/// everything in the request but the device id, which is why <see cref="CheckResponseCache"/> can share it between
/// machines; a plan that ever depends on the device id (staged rollouts by device) must go into that cache's key.
/// </summary>
public static class UpdateAdvisor
{
    public static CheckResponse Advise(CheckRequest request, CatalogIndex catalog, long snapshotVersion) =>
        Advise(request, catalog, BulletinIndex.Empty, snapshotVersion);

    /// <summary>The plan, and the bulletins bearing on the device's installed products and probed components.</summary>
    public static CheckResponse Advise(CheckRequest request, CatalogIndex catalog, BulletinIndex bulletins, long snapshotVersion)
    {
        var profile = Profile(request);
        var plan = InstallPlanner.Plan(catalog, profile);
        var steps = plan.Steps.Select(PlannedInstall.From).ToList();
        var planned = plan.Steps.Select(s => s.Product).ToHashSet(StringComparer.Ordinal);
        var unsatisfied = plan.Unsatisfied.DistinctBy(u => u.Product, StringComparer.Ordinal).ToDictionary(u => u.Product, StringComparer.Ordinal);
        var statuses = request.Products!.Select(p => Status(p.Id!, planned, unsatisfied, catalog)).ToList();
        return new CheckResponse(snapshotVersion, steps, plan.Held, plan.Unsatisfied, statuses)
        {
            Bulletins = bulletins.Match(profile.Installed, profile.Components),
        };
    }

    /// <summary>The planner's view of a validated request.</summary>
    public static DeviceProfile Profile(CheckRequest request) => new()
    {
        Os = request.Os!,
        Arch = request.Arch!,
        Channel = request.Channel ?? ReleaseFacts.DefaultChannel,
        TestRing = request.TestRing,
        Managed = request.Products!.Select(p => p.Id!).ToList(),
        Installed = request.Products!.Where(p => p.InstalledVersion is not null)
            .ToDictionary(p => p.Id!, p => NuGetVersion.Parse(p.InstalledVersion!), StringComparer.Ordinal),
        Pins = request.Products!.Where(p => p.Pin is not null).Select(p => (p.Id!, p.Pin!))
            .Concat((request.Pins ?? new Dictionary<string, string>()).Select(p => (p.Key, p.Value)))
            .DistinctBy(p => p.Item1, StringComparer.Ordinal)
            .ToDictionary(p => p.Item1, p => VersionRange.Parse(p.Item2), StringComparer.Ordinal),
        DriverVendors = request.DriverVendors?.ToHashSet(StringComparer.Ordinal),
        HardwareIds = (request.HardwareIds ?? []).Distinct(StringComparer.Ordinal).ToList(),
        Components = (request.Components ?? []).ToDictionary(c => c.Id!, c => NuGetVersion.Parse(c.Version!), StringComparer.Ordinal),
        UpdaterProduct = request.UpdaterProduct,
    };

    private static ProductStatus Status(string product, HashSet<string> planned, Dictionary<string, UnsatisfiedProduct> unsatisfied, CatalogIndex catalog)
    {
        if (planned.Contains(product))
        {
            return new ProductStatus(product, "update-available", null);
        }

        if (unsatisfied.GetValueOrDefault(product) is { } why)
        {
            return new ProductStatus(product, catalog.HasProduct(product) ? "no-applicable-release" : "unknown-product", why.Reason);
        }

        return new ProductStatus(product, "up-to-date", null);
    }
}
