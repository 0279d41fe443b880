namespace UpdateServer.Packaging.Catalog;

/// <summary>The releases an <see cref="InstallPlanner"/> chooses from.</summary>
public interface IReleaseCatalog
{
    /// <summary>The releases of <paramref name="product"/>, newest first; empty when unknown.</summary>
    IReadOnlyList<CatalogRelease> ReleasesOf(string product);

    /// <summary>Every driver release, for matching against a machine's hardware.</summary>
    IReadOnlyList<CatalogRelease> Drivers { get; }

    /// <summary>The upgrade packages that move <paramref name="product"/> from one version to another.</summary>
    IReadOnlyList<CatalogRelease> UpgradesFor(string product);
}
