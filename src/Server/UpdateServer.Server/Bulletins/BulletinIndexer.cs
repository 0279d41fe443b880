using System.Text;
using Microsoft.EntityFrameworkCore;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Server.Data;
using UpdateServer.Server.Webhooks;

namespace UpdateServer.Server.Bulletins;

/// <summary>
/// Records new bulletin revisions inside the publish transaction: the revision and its signed document, the
/// bulletin's current facts (affected products, fixed-in releases, CVEs), and the webhook notifications. A bulletin
/// that stops being active no longer counts machines as affected.
/// </summary>
public sealed class BulletinIndexer(WebhookOutbox outbox)
{
    /// <summary>Adds everything to <paramref name="db"/>; the caller saves and commits.</summary>
    public async Task IndexAsync(UpdateServerDbContext db, string vendor, IReadOnlyList<InspectedBulletin> bulletins, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var (target, document, bytes) in bulletins.OrderBy(b => b.Document.Id, StringComparer.Ordinal).ThenBy(b => b.Document.Revision))
        {
            db.BulletinRevisions.Add(new BulletinRevisionRecord
            {
                BulletinId = document.Id,
                Vendor = vendor,
                Revision = document.Revision,
                TargetPath = target.Path,
                Length = target.File.Length,
                Sha256 = target.File.Sha256,
                Document = Encoding.UTF8.GetString(bytes),
                PublishedAt = now,
            });

            // Several revisions of one new bulletin may come in one publish: the earlier one is in the context, not yet stored.
            var record = db.Bulletins.Local.FirstOrDefault(b => b.Id == document.Id)
                ?? await db.Bulletins.Include(b => b.AffectedProducts).Include(b => b.FixedReleases).AsSplitQuery()
                    .SingleOrDefaultAsync(b => b.Id == document.Id, cancellationToken);
            if (record is null)
            {
                record = new BulletinRecord
                {
                    Id = document.Id, Vendor = vendor, Type = document.Type, Severity = document.Severity, Title = document.Title,
                    Summary = document.Summary, Status = document.Status, TargetPath = target.Path,
                };
                db.Bulletins.Add(record);
            }

            await ApplyAsync(db, record, document, target.Path, cancellationToken);
            outbox.Enqueue(db, document, target.Path, now);
        }
    }

    private static async Task ApplyAsync(UpdateServerDbContext db, BulletinRecord record, Bulletin document, string targetPath,
        CancellationToken cancellationToken)
    {
        record.Revision = document.Revision;
        record.Type = document.Type;
        record.Severity = document.Severity;
        record.SeverityRank = BulletinSeverities.Rank(document.Severity);
        record.CvssScore = document.Cvss is { } cvss ? (double)cvss.BaseScore : null;
        record.CvssVector = document.Cvss?.Vector;
        record.Title = document.Title;
        record.Summary = document.Summary;
        record.Status = document.Status;
        record.SupersededBy = document.SupersededBy;
        record.InitialReleaseDate = document.InitialReleaseDate;
        record.CurrentReleaseDate = document.CurrentReleaseDate;
        record.TargetPath = targetPath;
        record.Cves = [.. document.Cves];
        record.AffectedProducts.Clear();
        record.AffectedProducts.AddRange(document.Affected.Select(a => new BulletinProductRecord
        {
            BulletinId = document.Id, Product = a.Product, Versions = a.VersionsText, IsComponent = a.IsComponent,
        }));
        record.FixedReleases.Clear();
        foreach (var fix in document.FixedIn)
        {
            var version = fix.Version.ToNormalizedString();
            // Releases published or removed in this same request are changed in the context, not yet in the database:
            // whether a release is removed is judged on the tracked values.
            var releases = await db.Releases.Where(r => r.Product == fix.Product).ToListAsync(cancellationToken);
            var release = releases.Concat(db.Releases.Local.Where(r => r.Product == fix.Product))
                .FirstOrDefault(r => r.RemovedAt == null && NuGet.Versioning.NuGetVersion.Parse(r.Version) == fix.Version);
            record.FixedReleases.Add(new BulletinFixRecord { BulletinId = document.Id, Product = fix.Product, Version = version, TargetPath = release?.TargetPath });
        }

        if (document.Status != BulletinStatuses.Active)
        {
            await db.BulletinDevices.Where(d => d.BulletinId == document.Id).ExecuteDeleteAsync(cancellationToken);
            record.AffectedMachines = 0;
        }
    }
}
