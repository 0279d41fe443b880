namespace UpdateServer.Updater.Installing;

/// <summary>
/// Where things go under the install root: <c>&lt;product&gt;/versions/&lt;version&gt;/</c> holds a version's
/// payload, <c>&lt;product&gt;/packages/&lt;version&gt;/</c> its manifest and hooks, <c>&lt;product&gt;/current</c>
/// the active version.
/// </summary>
public sealed class InstallLayout(string installRoot)
{
    public const string VersionsFolder = "versions";
    public const string PackagesFolder = "packages";

    public string InstallRoot { get; } = installRoot;

    public string ProductDirectory(string product) => Path.Combine(InstallRoot, product);

    public string VersionDirectory(string product, string version) => Path.Combine(ProductDirectory(product), VersionsFolder, version);

    public string PackageDirectory(string product, string version) => Path.Combine(ProductDirectory(product), PackagesFolder, version);

    public string CurrentLink(string product) => Path.Combine(ProductDirectory(product), Installing.CurrentLink.Name);
}
