using System.Text;
using Microsoft.EntityFrameworkCore;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Bulletins;

/// <summary>The signed documents the server keeps of each bulletin revision, read back for the pages and CSAF.</summary>
public static class BulletinDocuments
{
    /// <summary>The document of <paramref name="bulletin"/>'s current revision, as the vendor signed it.</summary>
    /// <exception cref="InvalidOperationException">The revision the bulletin points at is not stored (the publish transaction stores both).</exception>
    public static async Task<Bulletin> CurrentAsync(UpdateServerDbContext db, BulletinRecord bulletin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(bulletin);
        var text = await db.BulletinRevisions.AsNoTracking().Where(r => r.TargetPath == bulletin.TargetPath).Select(r => r.Document)
            .SingleAsync(cancellationToken);
        return BulletinJson.Read(Encoding.UTF8.GetBytes(text));
    }
}
