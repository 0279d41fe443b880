using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using UpdateServer.Packaging.Api;
using UpdateServer.Server.Repository;

namespace UpdateServer.Server.Catalog;

/// <summary>
/// Serialized check responses by repository generation and device profile, so that the machines of a fleet that report
/// the same inventory (most of them, most of the time: nothing changed since their last check) cost one dictionary
/// lookup and a write of bytes. The profile is everything in the request but <see cref="CheckRequest.DeviceId"/>, which
/// the plan does not depend on (see <see cref="UpdateAdvisor"/>); a new repository generation starts afresh, and old
/// entries age out of the size-limited memory cache.
/// </summary>
public sealed class CheckResponseCache(IMemoryCache memory, IOptions<JsonOptions> json)
{
    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(10);

    /// <summary>The response to <paramref name="request"/> (validated) in <paramref name="state"/>, as UTF-8 JSON.</summary>
    public byte[] Get(RepositoryState state, CheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(request);
        var options = json.Value.SerializerOptions;
        var key = new ProfileKey(state.Generation, SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request with { DeviceId = null }, options)));
        if (memory.TryGetValue(key, out byte[]? cached) && cached is not null)
        {
            return cached;
        }

        var response = JsonSerializer.SerializeToUtf8Bytes(UpdateAdvisor.Advise(request, state.Catalog, state.SnapshotVersion), options);
        memory.Set(key, response, new MemoryCacheEntryOptions { Size = response.Length, SlidingExpiration = Unused });
        return response;
    }

    /// <summary>A cache key: the generation and SHA-256 of the profile's JSON.</summary>
    private readonly record struct ProfileKey(long Generation, UInt128 High, UInt128 Low)
    {
        public ProfileKey(long generation, byte[] sha256)
            : this(generation, BitConverter.ToUInt128(sha256, 0), BitConverter.ToUInt128(sha256, 16))
        {
        }
    }
}
