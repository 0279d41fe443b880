using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Updater.Inventory;

namespace UpdateServer.Updater.Updating;

/// <summary>
/// What a check found: plan steps confirmed by signed metadata, advice refused, releases the server held back and
/// products it cannot satisfy (with reasons), the server's per-product status, and the inventory that was sent.
/// </summary>
public sealed record CheckOutcome(
    IReadOnlyList<TrustedUpdate> Updates,
    IReadOnlyList<RefusedAdvice> Refused,
    IReadOnlyList<HeldRelease> Held,
    IReadOnlyList<UnsatisfiedProduct> Unsatisfied,
    IReadOnlyList<ProductStatus> Products,
    MachineInventory Inventory,
    long SnapshotVersion);
