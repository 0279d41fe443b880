namespace UpdateServer.Updater.Installing;

/// <summary>
/// What this machine has installed, per product, and the packages it holds back after they failed here, by SHA-256.
/// Immutable; the <c>With…</c> methods return changed copies.
/// </summary>
public sealed record InstallState(IReadOnlyDictionary<string, InstalledRelease> Products)
{
    public static InstallState Empty { get; } = new(new Dictionary<string, InstalledRelease>());

    /// <summary>Packages that failed and were rolled back here, by the SHA-256 of the target.</summary>
    public IReadOnlyDictionary<string, HeldPackage> Held { get; init; } = new Dictionary<string, HeldPackage>();

    public InstalledRelease? Find(string product) => Products.GetValueOrDefault(product);

    public InstallState With(InstalledRelease release) =>
        this with { Products = new Dictionary<string, InstalledRelease>(Products, StringComparer.Ordinal) { [release.Product] = release } };

    public InstallState WithHeld(string sha256, HeldPackage package) =>
        this with { Held = new Dictionary<string, HeldPackage>(Held, StringComparer.Ordinal) { [sha256] = package } };

    /// <summary>The state without the holds on <paramref name="product"/>'s packages.</summary>
    public InstallState WithoutHolds(string product) =>
        this with { Held = Held.Where(h => h.Value.Product != product).ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal) };
}
