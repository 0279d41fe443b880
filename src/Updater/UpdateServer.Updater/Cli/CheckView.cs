using UpdateServer.Packaging.Api;
using UpdateServer.Updater.Updating;

namespace UpdateServer.Updater.Cli;

/// <summary>The <c>--json</c> shape of <c>updater check</c>: confirmed updates, refused advice, per-product status.</summary>
public sealed record CheckView(long SnapshotVersion, IReadOnlyList<UpdateView> Updates, IReadOnlyList<RefusedAdvice> Refused,
    IReadOnlyList<ProductStatus> Products)
{
    public static CheckView Of(CheckOutcome outcome) =>
        new(outcome.SnapshotVersion, outcome.Updates.Select(UpdateView.Of).ToList(), outcome.Refused, outcome.Products);
}
