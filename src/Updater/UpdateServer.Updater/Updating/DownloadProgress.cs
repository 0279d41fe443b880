namespace UpdateServer.Updater.Updating;

/// <summary>Progress of one download, for progress bars.</summary>
public readonly record struct DownloadProgress(string Product, string Version, long Received, long Total);
