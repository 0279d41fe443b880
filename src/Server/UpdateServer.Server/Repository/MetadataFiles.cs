using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Repository;

/// <summary>
/// Finds the metadata file a TUF client asks for. The newest version of every role comes from the repository state in
/// memory; an older version (immutable) from <c>IDistributedCache</c> — shared by all instances when it is Redis — and
/// only then from the database; a version newer than the state knows (another instance just committed it) from the
/// database, with a short-lived local note when there is none, so clients probing for the next root version, as each
/// update does (TUF spec 5.3.3), do not each cost a database query.
/// </summary>
public sealed class MetadataFiles(IServiceScopeFactory scopes, IDistributedCache shared, IMemoryCache local)
{
    private static readonly TimeSpan AbsentFor = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SharedFor = TimeSpan.FromHours(1);

    /// <summary>The file <paramref name="role"/> in <paramref name="version"/>, or the newest when null; null when absent.</summary>
    public async Task<MetadataRecord?> FindAsync(RepositoryState state, string role, long? version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var newest = state.Latest.GetValueOrDefault(role);
        if (version is not { } wanted || newest?.Version == wanted)
        {
            return newest;
        }

        if (newest is not null && wanted < newest.Version)
        {
            return await FindOlderAsync(role, wanted, cancellationToken);
        }

        var absent = new AbsentFile(role, wanted);
        if (local.TryGetValue(absent, out _))
        {
            return null;
        }

        var record = await ReadAsync(role, wanted, cancellationToken);
        if (record is null)
        {
            local.Set(absent, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = AbsentFor });
        }

        return record;
    }

    private async Task<MetadataRecord?> FindOlderAsync(string role, long version, CancellationToken cancellationToken)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"tuf:{version}.{role}");
        if (await shared.GetAsync(key, cancellationToken) is { } cached)
        {
            return FromCacheEntry(role, version, cached);
        }

        var record = await ReadAsync(role, version, cancellationToken);
        if (record is not null)
        {
            await shared.SetAsync(key, ToCacheEntry(record), new DistributedCacheEntryOptions { SlidingExpiration = SharedFor }, cancellationToken);
        }

        return record;
    }

    private async Task<MetadataRecord?> ReadAsync(string role, long version, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UpdateServerDbContext>().Metadata.AsNoTracking()
            .SingleOrDefaultAsync(m => m.Role == role && m.Version == version, cancellationToken);
    }

    /// <summary>A cache entry: the file's SHA-256 in hex (64 bytes), then the file.</summary>
    private static byte[] ToCacheEntry(MetadataRecord record) => [.. Encoding.ASCII.GetBytes(record.Sha256), .. record.Content];

    private static MetadataRecord FromCacheEntry(string role, long version, byte[] entry) => new()
    {
        Role = role,
        Version = version,
        Sha256 = Encoding.ASCII.GetString(entry, 0, 64),
        Content = entry[64..],
        Length = entry.Length - 64,
    };

    private readonly record struct AbsentFile(string Role, long Version);
}
