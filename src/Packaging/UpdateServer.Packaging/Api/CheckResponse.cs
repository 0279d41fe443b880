using UpdateServer.Packaging.Catalog;

namespace UpdateServer.Packaging.Api;

/// <summary>
/// The answer to a check: the install plan in order, the newer releases held back and why, the products no plan can
/// bring and why, and a status per requested product. This is advice: the updater verifies every step again from
/// signed metadata before it installs anything.
/// </summary>
public sealed record CheckResponse(
    long SnapshotVersion,
    IReadOnlyList<PlannedInstall> Steps,
    IReadOnlyList<HeldRelease> Held,
    IReadOnlyList<UnsatisfiedProduct> Unsatisfied,
    IReadOnlyList<ProductStatus> Products)
{
    /// <summary>Bulletins bearing on the device's products and components (advice: the updater verifies each through TUF).</summary>
    public IReadOnlyList<BulletinNotice> Bulletins { get; init; } = [];
}
