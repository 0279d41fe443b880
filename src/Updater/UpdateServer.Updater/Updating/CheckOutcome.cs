using UpdateServer.Packaging.Api;

namespace UpdateServer.Updater.Updating;

/// <summary>What a check found: updates confirmed by signed metadata, advice refused, and the server's per-product status.</summary>
public sealed record CheckOutcome(
    IReadOnlyList<TrustedUpdate> Updates,
    IReadOnlyList<RefusedAdvice> Refused,
    IReadOnlyList<ProductStatus> Products,
    long SnapshotVersion);
