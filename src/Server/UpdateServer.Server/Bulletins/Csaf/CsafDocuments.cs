using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Bulletins.Csaf;

/// <summary>Reads bulletins for the CSAF endpoints: the document of one, and the list every index is made of.</summary>
public static class CsafDocuments
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Every bulletin, newest change first (the order of <c>changes.csv</c>).</summary>
    public static Task<List<BulletinRecord>> ListAsync(UpdateServerDbContext db, CancellationToken cancellationToken) =>
        db.Bulletins.AsNoTracking().OrderByDescending(b => b.CurrentReleaseDate).ThenBy(b => b.Id).ToListAsync(cancellationToken);

    /// <summary>The CSAF bytes of the bulletin stored at <paramref name="relativePath"/> (<c>2026/acme-2026-0001.json</c>), or null.</summary>
    public static async Task<byte[]?> FindAsync(UpdateServerDbContext db, string relativePath, BulletinOptions options, string baseUrl,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var bulletins = await ListAsync(db, cancellationToken);
        if (bulletins.FirstOrDefault(b => CsafPaths.RelativePath(b) == relativePath) is not { } bulletin)
        {
            return null;
        }

        var text = await db.BulletinRevisions.AsNoTracking().Where(r => r.TargetPath == bulletin.TargetPath).Select(r => r.Document)
            .SingleAsync(cancellationToken);
        var document = BulletinJson.Read(Encoding.UTF8.GetBytes(text));
        var csaf = CsafDocumentBuilder.Build(document, options, $"{baseUrl}{CsafPaths.Root}/{relativePath}");
        return Encoding.UTF8.GetBytes(csaf.ToJsonString(Indented) + "\n");
    }
}
