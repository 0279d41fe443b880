using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Upkg.Keys;

/// <summary>What <c>upkg keygen</c> creates: <c>PREFIX.key</c> and <c>PREFIX.pub.json</c> for a key of <see cref="Algorithm"/>.</summary>
public sealed record KeygenOptions(string OutPrefix, KeyAlgorithm Algorithm = KeyAlgorithm.Ed25519);
