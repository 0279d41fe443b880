namespace UpdateServer.Updater.Installing;

/// <summary>
/// What this machine has installed, per product, and the versions it rolled back after a failed hook (held until a
/// newer release comes, so a broken release is not installed again at every run). Immutable; <see cref="With"/> and
/// <see cref="WithRolledBack"/> return changed copies.
/// </summary>
public sealed record InstallState(IReadOnlyDictionary<string, InstalledRelease> Products)
{
    public static InstallState Empty { get; } = new(new Dictionary<string, InstalledRelease>());

    /// <summary>Per product, the newest version that failed and was rolled back.</summary>
    public IReadOnlyDictionary<string, string> RolledBack { get; init; } = new Dictionary<string, string>();

    public InstalledRelease? Find(string product) => Products.GetValueOrDefault(product);

    public InstallState With(InstalledRelease release) =>
        this with { Products = new Dictionary<string, InstalledRelease>(Products, StringComparer.Ordinal) { [release.Product] = release } };

    public InstallState WithRolledBack(string product, string version) =>
        this with { RolledBack = new Dictionary<string, string>(RolledBack, StringComparer.Ordinal) { [product] = version } };
}
