namespace UpdateServer.Updater.Configuration;

/// <summary>A validated configuration with every path absolute and every default applied.</summary>
public sealed record UpdaterSettings(
    Uri ServerUrl,
    string DataDirectory,
    string InstallRoot,
    string TrustedRoot,
    string Channel,
    string DeviceId,
    IReadOnlyList<string> Products,
    string Os,
    string Arch)
{
    public string MetadataDirectory => Path.Combine(DataDirectory, "metadata");

    public string DownloadDirectory => Path.Combine(DataDirectory, "downloads");

    public string StateFile => Path.Combine(DataDirectory, "state.json");

    public string LockFile => Path.Combine(DataDirectory, "updater.lock");

    public Uri MetadataUrl => new(ServerUrl, "tuf/metadata/");

    public Uri TargetsUrl => new(ServerUrl, "tuf/targets/");
}
