using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace UpdateServer.Packaging.Trust;

/// <summary>
/// Length and hash checks for metadata and target files. Every listed hash is checked; a hash algorithm this
/// implementation cannot compute is a failure, never a silent skip.
/// </summary>
public static class FileHashes
{
    public const string Sha256 = "sha256";

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Incremental hashers for every algorithm in <paramref name="hashes"/>, for checking a stream as it arrives.</summary>
    /// <exception cref="LengthOrHashMismatchException">An algorithm is not supported.</exception>
    public static Dictionary<string, IncrementalHash> CreateHashers(IReadOnlyDictionary<string, string> hashes)
    {
        var hashers = new Dictionary<string, IncrementalHash>(StringComparer.Ordinal);
        foreach (var algorithm in hashes.Keys)
        {
            hashers[algorithm] = IncrementalHash.CreateHash(AlgorithmName(algorithm));
        }

        return hashers;
    }

    /// <summary>Feeds what is left of <paramref name="stream"/> to every hasher.</summary>
    public static async Task AppendAsync(Stream stream, Dictionary<string, IncrementalHash> hashers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(hashers);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            foreach (var hasher in hashers.Values)
            {
                hasher.AppendData(buffer, 0, read);
            }
        }
    }

    /// <summary>Checks the digests of finished hashers against the expected hex values.</summary>
    /// <exception cref="LengthOrHashMismatchException">Any digest differs.</exception>
    public static void VerifyDigests(string what, IReadOnlyDictionary<string, string> expected, Dictionary<string, IncrementalHash> hashers,
        AttackKind attack)
    {
        foreach (var (algorithm, hex) in expected)
        {
            var actual = Convert.ToHexStringLower(hashers[algorithm].GetHashAndReset());
            if (!string.Equals(actual, hex, StringComparison.OrdinalIgnoreCase))
            {
                throw new LengthOrHashMismatchException($"{what}: {algorithm} is {actual}, expected {hex}.", attack);
            }
        }
    }

    /// <summary>Checks <paramref name="data"/> against an optional length and optional hashes; a mismatch names <paramref name="attack"/>.</summary>
    /// <exception cref="LengthOrHashMismatchException">The length or any hash differs, or a hash algorithm is unsupported.</exception>
    public static void Verify(string what, ReadOnlySpan<byte> data, long? length, IReadOnlyDictionary<string, string>? hashes, AttackKind attack)
    {
        if (length is { } expectedLength && data.Length != expectedLength)
        {
            throw new LengthOrHashMismatchException($"{what}: length is {data.Length}, expected {expectedLength}.", attack);
        }

        if (hashes is null)
        {
            return;
        }

        var hashers = CreateHashers(hashes);
        foreach (var hasher in hashers.Values)
        {
            hasher.AppendData(data);
        }

        VerifyDigests(what, hashes, hashers, attack);
    }

    internal static JsonObject ToJson(IReadOnlyDictionary<string, string> hashes)
    {
        var obj = new JsonObject();
        foreach (var (algorithm, hex) in hashes)
        {
            obj[algorithm] = hex;
        }

        return obj;
    }

    private static HashAlgorithmName AlgorithmName(string algorithm) => algorithm switch
    {
        "sha256" => HashAlgorithmName.SHA256,
        "sha384" => HashAlgorithmName.SHA384,
        "sha512" => HashAlgorithmName.SHA512,
        _ => throw new LengthOrHashMismatchException($"Unsupported hash algorithm \"{algorithm}\".", AttackKind.None),
    };
}
