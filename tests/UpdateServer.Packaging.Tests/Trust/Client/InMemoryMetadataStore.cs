using System.Security.Cryptography;
using UpdateServer.Packaging.Trust.Client;

namespace UpdateServer.Packaging.Tests.Trust.Client;

/// <summary>A trusted-metadata store in memory, so tests can see exactly what the client persisted.</summary>
public sealed class InMemoryMetadataStore : ITrustedMetadataStore
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    /// <summary>The roles stored, sorted.</summary>
    public IReadOnlyList<string> Roles => [.. _files.Keys.Order(StringComparer.Ordinal)];

    public byte[]? Read(string role) => _files.TryGetValue(role, out var bytes) ? bytes.ToArray() : null;

    public void Write(string role, ReadOnlySpan<byte> data) => _files[role] = data.ToArray();

    public void Delete(string role) => _files.Remove(role);

    /// <summary>One <c>role=sha256</c> line per stored file, sorted: compare two of these to see whether anything changed.</summary>
    public IReadOnlyList<string> Fingerprints() =>
        [.. _files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={Convert.ToHexStringLower(SHA256.HashData(f.Value))}")];
}
