using Microsoft.EntityFrameworkCore;
using UpdateServer.Packaging.Trust;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Repository;

/// <summary>Reads of the metadata table that several features share.</summary>
public static class MetadataQueries
{
    /// <summary>The newest version of every role, bytes included: one query.</summary>
    public static async Task<Dictionary<string, MetadataRecord>> LatestOfEachRoleAsync(this UpdateServerDbContext db, CancellationToken cancellationToken) =>
        await db.NewestOfEachRole().ToDictionaryAsync(m => m.Role, StringComparer.Ordinal, cancellationToken);

    /// <summary>The newest record of each role (untracked), for the caller to narrow to the roles it wants.</summary>
    public static IQueryable<MetadataRecord> NewestOfEachRole(this UpdateServerDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Metadata.AsNoTracking().Where(m => m.Version == db.Metadata.Where(n => n.Role == m.Role).Max(n => n.Version));
    }

    /// <summary>The newest version number of <paramref name="role"/>, or 0 when it has none.</summary>
    public static async Task<long> LatestVersionAsync(this UpdateServerDbContext db, string role, CancellationToken cancellationToken) =>
        await db.Metadata.Where(m => m.Role == role).MaxAsync(m => (long?)m.Version, cancellationToken) ?? 0;

    /// <summary>The newest record of <paramref name="role"/>, or null.</summary>
    public static Task<MetadataRecord?> LatestAsync(this UpdateServerDbContext db, string role, CancellationToken cancellationToken) =>
        db.Metadata.AsNoTracking().Where(m => m.Role == role).OrderByDescending(m => m.Version).FirstOrDefaultAsync(cancellationToken);

    /// <summary>A record holding <paramref name="metadata"/> serialized by this server.</summary>
    public static MetadataRecord ToRecord<T>(this Metadata<T> metadata, string role, DateTimeOffset createdAt)
        where T : SignedMetadata, ISignedRole<T> =>
        metadata.ToRecordOf(metadata.ToBytes(), role, createdAt);

    /// <summary>A record holding <paramref name="bytes"/>, the file <paramref name="metadata"/> was parsed from, unchanged.</summary>
    public static MetadataRecord ToRecordOf<T>(this Metadata<T> metadata, byte[] bytes, string role, DateTimeOffset createdAt)
        where T : SignedMetadata, ISignedRole<T>
    {
        return new MetadataRecord
        {
            Role = role,
            Version = metadata.Signed.Version,
            Content = bytes,
            Sha256 = FileHashes.Sha256Hex(bytes),
            Length = bytes.Length,
            Expires = metadata.Signed.Expires,
            CreatedAt = createdAt,
        };
    }
}
