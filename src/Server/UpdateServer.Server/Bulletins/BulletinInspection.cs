using Microsoft.EntityFrameworkCore;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Server.Data;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Publishing;
using UpdateServer.Server.Storage;

namespace UpdateServer.Server.Bulletins;

/// <summary>
/// Checks the documents of new bulletin targets before anything is stored: size, the strict format
/// (<see cref="BulletinJson"/>), agreement with the signed facts, the next revision exactly, the vendor's own products
/// known to the catalog, and a known successor for a superseded bulletin.
/// </summary>
public static class BulletinInspection
{
    /// <exception cref="ProblemException">A document is missing, too large, malformed, or breaks a rule; nothing is stored then.</exception>
    public static async Task<IReadOnlyList<InspectedBulletin>> InspectAsync(PublishPlan plan, IBlobStore blobs, UpdateServerDbContext db,
        long maxBytes, CancellationToken cancellationToken)
    {
        var inspected = new List<InspectedBulletin>();
        foreach (var target in plan.Bulletins.Where(b => b.IsNew))
        {
            if (target.File.Length > maxBytes)
            {
                throw new ProblemException(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "Bulletin too large",
                    $"{target.Path} is {target.File.Length} bytes; bulletins are at most {maxBytes} bytes (Bulletins:MaxDocumentBytes).");
            }

            var bytes = await ReadAsync(target, blobs, cancellationToken);
            Bulletin document;
            try
            {
                document = BulletinJson.Read(bytes);
            }
            catch (BulletinFormatException e)
            {
                throw Invalid($"{target.Path}: {e.Message}");
            }

            if (document.Id != target.Facts.Id || document.Revision != target.Facts.Revision)
            {
                throw Invalid($"{target.Path} is signed as revision {target.Facts.Revision} of {target.Facts.Id}, but the document says revision {document.Revision} of {document.Id}.");
            }

            inspected.Add(new InspectedBulletin(target, document, bytes));
        }

        await CheckRevisionsAsync(inspected, db, cancellationToken);
        await CheckReferencesAsync(plan, inspected, db, cancellationToken);
        return inspected;
    }

    private static async Task<byte[]> ReadAsync(PlannedBulletin target, IBlobStore blobs, CancellationToken cancellationToken)
    {
        if (target.Upload is { } upload)
        {
            return await File.ReadAllBytesAsync(upload.Path, cancellationToken);
        }

        if (await blobs.OpenReadAsync(BlobKeys.ForTarget(target.File.Sha256), cancellationToken) is { } stored)
        {
            await using (stored)
            {
                using var buffer = new MemoryStream();
                await stored.CopyToAsync(buffer, cancellationToken);
                return buffer.ToArray();
            }
        }

        throw new ProblemException(StatusCodes.Status422UnprocessableEntity, ProblemTypes.PackageMissing, "Bulletin missing",
            $"No uploaded file has the length ({target.File.Length}) and sha256 ({target.File.Sha256}) that {target.Path} lists.");
    }

    /// <summary>Each new revision is exactly the next one: 1 for a new id, else the published revision plus one.</summary>
    private static async Task CheckRevisionsAsync(List<InspectedBulletin> inspected, UpdateServerDbContext db, CancellationToken cancellationToken)
    {
        foreach (var group in inspected.GroupBy(b => b.Document.Id, StringComparer.Ordinal))
        {
            var published = await db.BulletinRevisions.Where(r => r.BulletinId == group.Key).MaxAsync(r => (int?)r.Revision, cancellationToken) ?? 0;
            foreach (var bulletin in group.OrderBy(b => b.Document.Revision))
            {
                if (bulletin.Document.Revision != published + 1)
                {
                    throw new ProblemException(StatusCodes.Status409Conflict, ProblemTypes.BulletinRevisionConflict, "Not the next revision",
                        published == 0
                            ? $"{group.Key} is not published yet: its first revision is 1, not {bulletin.Document.Revision}."
                            : $"{group.Key} is at revision {published}: the next one is {published + 1}, not {bulletin.Document.Revision}.");
                }

                published++;
            }
        }
    }

    /// <summary>The vendor's own products must be in the catalog; a superseded bulletin's successor must exist.</summary>
    private static async Task CheckReferencesAsync(PublishPlan plan, List<InspectedBulletin> inspected, UpdateServerDbContext db,
        CancellationToken cancellationToken)
    {
        if (inspected.Count == 0)
        {
            return;
        }

        var prefix = plan.Vendor + ".";
        var known = (await db.Releases.Where(r => r.Vendor == plan.Vendor).Select(r => r.Product).Distinct().ToListAsync(cancellationToken))
            .Concat(plan.Targets.Select(t => t.Facts.Product)).ToHashSet(StringComparer.Ordinal);
        foreach (var (_, document, _) in inspected)
        {
            foreach (var affected in document.Affected)
            {
                var own = affected.Product.StartsWith(prefix, StringComparison.Ordinal);
                if (own && affected.IsComponent)
                {
                    throw Invalid($"{document.Id}: {affected.Product} is {plan.Vendor}'s own product; name it as a product, not a component.");
                }

                if (!affected.IsComponent && (!own || !known.Contains(affected.Product)))
                {
                    throw Invalid($"{document.Id}: unknown product {affected.Product}: {plan.Vendor} has published no such product " +
                        "(third-party software such as os.debian or postgres.server is named as a component).");
                }
            }

            if (document.FixedIn.FirstOrDefault(f => f.Product.StartsWith(prefix, StringComparison.Ordinal) && !known.Contains(f.Product)) is { } unknown)
            {
                throw Invalid($"{document.Id}: fixedIn names unknown product {unknown.Product}.");
            }

            if (document.SupersededBy is { } successor && !inspected.Any(b => b.Document.Id == successor)
                && !await db.Bulletins.AnyAsync(b => b.Id == successor, cancellationToken))
            {
                throw Invalid($"{document.Id} is superseded by {successor}, which is not published.");
            }
        }
    }

    private static ProblemException Invalid(string detail) =>
        new(StatusCodes.Status422UnprocessableEntity, ProblemTypes.BulletinInvalid, "Invalid bulletin", detail);
}
