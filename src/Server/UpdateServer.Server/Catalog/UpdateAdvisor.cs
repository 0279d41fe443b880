using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.Server.Catalog;

/// <summary>
/// Answers "what should this machine install?" from the catalog index alone (no database, no blobs, no signing):
/// for each product, the newest release newer than the installed one that fits the device's channel, OS and
/// architecture. A device on channel <c>stable</c> sees stable releases; on any other channel it sees that
/// channel's releases and stable ones, whichever is newer.
/// </summary>
public static class UpdateAdvisor
{
    public static CheckResponse Advise(CheckRequest request, CatalogIndex catalog, long snapshotVersion)
    {
        var channel = request.Channel ?? ReleaseFacts.DefaultChannel;
        var updates = new List<AvailableUpdate>();
        var statuses = new List<ProductStatus>();
        foreach (var product in request.Products!)
        {
            var id = product.Id!;
            var installed = CheckRequestValidator.InstalledVersion(product);
            if (!catalog.HasProduct(id))
            {
                statuses.Add(new ProductStatus(id, "unknown-product", "The repository has no release of this product."));
                continue;
            }

            var best = catalog.ReleasesOf(id).FirstOrDefault(r =>
                (r.Facts.Channel == channel || r.Facts.Channel == ReleaseFacts.DefaultChannel)
                && r.Facts.AppliesTo(request.Os!, request.Arch!));
            if (best is null)
            {
                statuses.Add(new ProductStatus(id, "no-applicable-release", $"No release for {request.Os}/{request.Arch} on channel {channel}."));
            }
            else if (installed is not null && best.Facts.Version <= installed)
            {
                statuses.Add(new ProductStatus(id, "up-to-date", null));
            }
            else
            {
                statuses.Add(new ProductStatus(id, "update-available", null));
                updates.Add(new AvailableUpdate(id, product.InstalledVersion, best.Facts.Version.ToFullString(), best.Facts.Kind, best.Facts.Channel,
                    best.Facts.Mandatory, best.TargetPath, best.Length, new Dictionary<string, string> { [FileHashes.Sha256] = best.Sha256 }));
            }
        }

        return new CheckResponse(snapshotVersion, updates, statuses);
    }
}
