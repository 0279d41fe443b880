namespace UpdateServer.Packaging.Catalog;

/// <summary>The releases an <see cref="InstallPlanner"/> chooses from.</summary>
public interface IReleaseCatalog
{
    /// <summary>The releases of <paramref name="product"/>, newest first; empty when unknown.</summary>
    IReadOnlyList<CatalogRelease> ReleasesOf(string product);

    /// <summary>The driver releases that may match one of <paramref name="hardwareIds"/> (a superset is fine; see <see cref="DriverIndex"/>).</summary>
    IReadOnlyList<CatalogRelease> DriversFor(IReadOnlyList<string> hardwareIds);

    /// <summary>The upgrade packages that move <paramref name="product"/> from one version to another.</summary>
    IReadOnlyList<CatalogRelease> UpgradesFor(string product);
}
