using UpdateServer.Updater.Updating;

namespace UpdateServer.Updater.Cli;

/// <summary>One confirmed update as scripts see it: every value from signed metadata.</summary>
public sealed record UpdateView(string Product, string? InstalledVersion, string Version, string Kind, string Channel, bool Mandatory,
    string TargetPath, long Length, IReadOnlyDictionary<string, string> Hashes)
{
    public static UpdateView Of(TrustedUpdate update) => new(update.Facts.Product, update.InstalledVersion, update.Facts.Version.ToFullString(),
        update.Facts.Kind, update.Facts.Channel, update.Facts.Mandatory, update.TargetPath, update.Target.Length, update.Target.Hashes);
}
