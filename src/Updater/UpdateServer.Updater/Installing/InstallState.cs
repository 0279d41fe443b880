namespace UpdateServer.Updater.Installing;

/// <summary>What this machine has installed, per product. Immutable; <see cref="With"/> returns a changed copy.</summary>
public sealed record InstallState(IReadOnlyDictionary<string, InstalledRelease> Products)
{
    public static InstallState Empty { get; } = new(new Dictionary<string, InstalledRelease>());

    public InstalledRelease? Find(string product) => Products.GetValueOrDefault(product);

    public InstallState With(InstalledRelease release) =>
        new(new Dictionary<string, InstalledRelease>(Products, StringComparer.Ordinal) { [release.Product] = release });
}
