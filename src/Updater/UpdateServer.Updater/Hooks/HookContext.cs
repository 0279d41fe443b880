namespace UpdateServer.Updater.Hooks;

/// <summary>
/// What a hook is told about the install it runs in, as <c>UPDATER_*</c> environment variables: the package's
/// product and version, the product it installs and the version it moves from, and where things are.
/// </summary>
public sealed record HookContext(
    string Product,
    string Version,
    string InstallsProduct,
    string InstallsVersion,
    string? FromVersion,
    string VersionDirectory,
    string PackageDirectory,
    string InstallRoot)
{
    public IEnumerable<KeyValuePair<string, string>> Environment(string phase)
    {
        yield return new("UPDATER_PHASE", phase);
        yield return new("UPDATER_PRODUCT", Product);
        yield return new("UPDATER_VERSION", Version);
        yield return new("UPDATER_INSTALLS_PRODUCT", InstallsProduct);
        yield return new("UPDATER_INSTALLS_VERSION", InstallsVersion);
        yield return new("UPDATER_FROM_VERSION", FromVersion ?? string.Empty);
        yield return new("UPDATER_VERSION_DIR", VersionDirectory);
        yield return new("UPDATER_PACKAGE_DIR", PackageDirectory);
        yield return new("UPDATER_INSTALL_ROOT", InstallRoot);
    }
}
