using UpdateServer.Updater.Updating;

namespace UpdateServer.Updater.Cli;

/// <summary>
/// One confirmed plan step as scripts see it: every value from signed metadata. <see cref="InstallsProduct"/> moves
/// from <see cref="FromVersion"/> to <see cref="ToVersion"/>; for an upgrade package it is the product upgraded.
/// </summary>
public sealed record UpdateView(string Product, string Version, string Kind, string Channel, bool Mandatory, string InstallsProduct,
    string? FromVersion, string ToVersion, string Reason, string TargetPath, long Length, IReadOnlyDictionary<string, string> Hashes)
{
    public static UpdateView Of(TrustedUpdate update) => new(update.Facts.Product, update.Facts.Version.ToFullString(), update.Facts.Kind,
        update.Facts.Channel, update.Facts.Mandatory, update.Facts.InstallsProduct, update.FromVersion, update.Facts.InstallsVersion.ToFullString(),
        update.Reason, update.TargetPath, update.Target.Length, update.Target.Hashes);
}
