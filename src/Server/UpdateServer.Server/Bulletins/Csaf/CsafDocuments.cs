using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Bulletins.Csaf;

/// <summary>Reads bulletins for the CSAF endpoints: the document of one, and the list every index is made of.</summary>
public static class CsafDocuments
{
    private const string JsonSuffix = ".json";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(10);

    /// <summary>Every bulletin, newest change first (the order of <c>changes.csv</c>).</summary>
    public static Task<List<BulletinRecord>> ListAsync(UpdateServerDbContext db, CancellationToken cancellationToken) =>
        db.Bulletins.AsNoTracking().OrderByDescending(b => b.CurrentReleaseDate).ThenBy(b => b.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// The CSAF bytes of the bulletin stored at <paramref name="relativePath"/> (<c>2026/acme-2026-0001.json</c>), or null.
    /// The file name gives the id back (<see cref="CsafPaths.FileName"/> only lowercases a valid id), so one row is read;
    /// the document is built once per revision (its target never changes) and then served from memory.
    /// </summary>
    public static async Task<byte[]?> FindAsync(UpdateServerDbContext db, IMemoryCache cache, string relativePath, BulletinOptions options,
        string baseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(relativePath);
        var name = Path.GetFileName(relativePath);
        var id = name.EndsWith(JsonSuffix, StringComparison.Ordinal) ? name[..^JsonSuffix.Length].ToUpperInvariant() : null;
        if (!BulletinId.IsValid(id)
            || await db.Bulletins.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken) is not { } bulletin
            || CsafPaths.RelativePath(bulletin) != relativePath)
        {
            return null;
        }

        var documentUrl = $"{baseUrl}{CsafPaths.Root}/{relativePath}";
        // One entry per bulletin, whatever Host headers requests bring: a revision's document is kept for one URL at a time.
        var key = (nameof(CsafDocuments), bulletin.TargetPath);
        if (cache.TryGetValue(key, out BuiltDocument? kept) && kept is not null && kept.Url == documentUrl)
        {
            return kept.Bytes;
        }

        var document = await BulletinDocuments.CurrentAsync(db, bulletin, cancellationToken);
        var csaf = CsafDocumentBuilder.Build(document, options, documentUrl);
        var built = Encoding.UTF8.GetBytes(csaf.ToJsonString(Indented) + "\n");
        cache.Set(key, new BuiltDocument(documentUrl, built),
            new MemoryCacheEntryOptions { Size = built.Length + documentUrl.Length, SlidingExpiration = Unused });
        return built;
    }

    private sealed record BuiltDocument(string Url, byte[] Bytes);
}
