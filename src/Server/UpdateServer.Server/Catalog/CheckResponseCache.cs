using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Repository;

namespace UpdateServer.Server.Catalog;

/// <summary>
/// Serialized check responses by snapshot version, found two ways. By the request body (<see cref="CheckRequestBody"/>):
/// a machine that checks again with the same inventory (most of them, most of the time) costs a hash, one dictionary
/// lookup and a write of bytes — no parsing, validation or planning. Else by device profile: everything in the request
/// but <see cref="CheckRequest.DeviceId"/>, which the plan does not depend on (see <see cref="UpdateAdvisor"/>), so machines
/// that report the same inventory share one planned and serialized response. A new snapshot version starts afresh, and
/// old entries age out of the size-limited memory cache. The snapshot version, not the repository generation, keys the
/// answers: every change to releases or bulletins signs a new snapshot, while the timestamp re-signed on its own (twice
/// a day) commits a generation that changes no answer (the response carries the snapshot version, nothing newer).
/// </summary>
public sealed class CheckResponseCache(IMemoryCache memory, IOptions<JsonOptions> json)
{
    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(10);

    // A body entry holds the body and shares the profile entry's response bytes.
    private const int BodyEntryOverhead = 128;

    private readonly long _seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(sizeof(long)));

    /// <summary>
    /// The answer to the check request <paramref name="body"/> (UTF-8 JSON) in <paramref name="state"/>.
    /// Throws <see cref="ProblemException"/> (400) when the body is not a JSON check request.
    /// </summary>
    public CheckAnswer Answer(RepositoryState state, ReadOnlySequence<byte> body)
    {
        ArgumentNullException.ThrowIfNull(state);
        var lookup = CheckRequestBody.Lookup(state.SnapshotVersion, body, _seed);
        if (memory.TryGetValue(lookup, out BodyEntry? seen) && seen is not null)
        {
            return new CheckAnswer(seen.Advice.Response, null, seen.DeviceId, seen.Advice.AffectedBulletins);
        }

        var key = lookup.ToStored();
        var request = Parse(key.Bytes.FirstSpan);
        var errors = CheckRequestValidator.Validate(request);
        if (errors.Count > 0)
        {
            return new CheckAnswer(null, errors);
        }

        var advice = Get(state, request);
        memory.Set(key, new BodyEntry(advice, request.DeviceId!),
            new MemoryCacheEntryOptions { Size = key.Bytes.Length + BodyEntryOverhead, SlidingExpiration = Unused });
        return new CheckAnswer(advice.Response, null, request.DeviceId, advice.AffectedBulletins);
    }

    /// <summary>The advice for <paramref name="request"/> (validated) in <paramref name="state"/>: the response as UTF-8 JSON and the bulletins affecting it.</summary>
    private ProfileAdvice Get(RepositoryState state, CheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(request);
        var options = json.Value.SerializerOptions;
        var key = new ProfileKey(state.SnapshotVersion, Digest.Of(JsonSerializer.SerializeToUtf8Bytes(request with { DeviceId = null }, options)));
        if (memory.TryGetValue(key, out ProfileAdvice? cached) && cached is not null)
        {
            return cached;
        }

        var advice = UpdateAdvisor.Advise(request, state.Catalog, state.Bulletins, state.SnapshotVersion);
        var affected = advice.Bulletins.Where(b => b.Status == BulletinExposure.Affected).Select(b => b.Id).ToList();
        var entry = new ProfileAdvice(JsonSerializer.SerializeToUtf8Bytes(advice, options), affected);
        memory.Set(key, entry, new MemoryCacheEntryOptions { Size = entry.Response.Length + affected.Sum(id => id.Length), SlidingExpiration = Unused });
        return entry;
    }

    private CheckRequest Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<CheckRequest>(body, json.Value.SerializerOptions) ?? throw Malformed("it is JSON null.");
        }
        catch (JsonException e)
        {
            throw Malformed(e.Message);
        }
    }

    private static ProblemException Malformed(string detail) =>
        new(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest, "Invalid request", $"The body is not a check request: {detail}");

    /// <summary>A SHA-256 digest as two 128-bit halves: profiles are few per snapshot, and a collision must be impossible.</summary>
    private readonly record struct Digest(UInt128 High, UInt128 Low)
    {
        public static Digest Of(ReadOnlySpan<byte> bytes)
        {
            Span<byte> sha256 = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes, sha256);
            return new Digest(BitConverter.ToUInt128(sha256), BitConverter.ToUInt128(sha256[16..]));
        }
    }

    private readonly record struct ProfileKey(long SnapshotVersion, Digest Profile);

    /// <summary>One device profile's response and the bulletins affecting that profile (they do not depend on the device id).</summary>
    private sealed record ProfileAdvice(byte[] Response, IReadOnlyList<string> AffectedBulletins);

    /// <summary>A body seen before: whose it is, and its profile's advice.</summary>
    private sealed record BodyEntry(ProfileAdvice Advice, string DeviceId);
}
