using Microsoft.EntityFrameworkCore;
using UpdateServer.Packaging.Repository;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Repository;

/// <summary>
/// Makes the vendor table match an offered vendor list when its version is higher than the newest imported one. The
/// list decides who may publish: a vendor no longer listed loses its API key. A lower version never changes anything,
/// so the list deployed in the repository folder cannot undo a newer one pushed since (a replaced API key stays replaced).
/// </summary>
public static class VendorListImport
{
    /// <summary>The newest vendor list version imported, or 0.</summary>
    public static async Task<long> LatestVersionAsync(UpdateServerDbContext db, CancellationToken cancellationToken) =>
        await db.VendorLists.MaxAsync(l => (long?)l.Version, cancellationToken) ?? 0;

    /// <summary>Imports <paramref name="offered"/> when it is newer; adds the changes to the context without saving.</summary>
    /// <returns>The newest version imported before this call.</returns>
    /// <exception cref="RepositoryImportException">
    /// Another list with the version already imported (from either origin), or, pushed, an older version.
    /// </exception>
    public static async Task<long> ImportAsync(UpdateServerDbContext db, VendorList offered, DocumentOrigin origin, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var stored = await LatestVersionAsync(db, cancellationToken);
        var existing = await db.Vendors.ToDictionaryAsync(v => v.Name, StringComparer.Ordinal, cancellationToken);
        if (offered.Version == stored && !offered.ListsTheSameAs(existing.Values.Select(v => new VendorRegistration(v.Name, v.ApiKeySha256))))
        {
            throw new RepositoryImportException(
                $"vendors.json version {offered.Version} differs from the imported version {stored}; give the changed list version {stored + 1}.");
        }

        if (offered.Version < stored && origin == DocumentOrigin.Push)
        {
            throw new RepositoryImportException($"vendors.json version {offered.Version} is older than the imported version {stored}.");
        }

        if (offered.Version <= stored)
        {
            return stored;
        }

        foreach (var vendor in offered.Vendors)
        {
            if (existing.Remove(vendor.Name, out var record))
            {
                record.ApiKeySha256 = vendor.ApiKeySha256;
            }
            else
            {
                db.Vendors.Add(new VendorRecord { Name = vendor.Name, ApiKeySha256 = vendor.ApiKeySha256, CreatedAt = now });
            }
        }

        db.Vendors.RemoveRange(existing.Values);
        db.VendorLists.Add(new VendorListRecord { Version = offered.Version, ImportedAt = now });
        return stored;
    }
}
