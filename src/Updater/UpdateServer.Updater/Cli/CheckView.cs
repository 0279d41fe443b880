using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Updater.Updating;

namespace UpdateServer.Updater.Cli;

/// <summary>
/// The <c>--json</c> shape of <c>updater check</c>: the confirmed plan in order, refused advice, releases held back
/// and unsatisfied products with the server's reasons, and per-product status.
/// </summary>
public sealed record CheckView(long SnapshotVersion, IReadOnlyList<UpdateView> Steps, IReadOnlyList<RefusedAdvice> Refused,
    IReadOnlyList<HeldRelease> Held, IReadOnlyList<UnsatisfiedProduct> Unsatisfied, IReadOnlyList<ProductStatus> Products)
{
    public static CheckView Of(CheckOutcome outcome) =>
        new(outcome.SnapshotVersion, outcome.Updates.Select(UpdateView.Of).ToList(), outcome.Refused, outcome.Held, outcome.Unsatisfied,
            outcome.Products);
}
