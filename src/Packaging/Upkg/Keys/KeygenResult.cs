namespace UpdateServer.Upkg.Keys;

/// <summary>The outcome of <c>upkg keygen</c>; also its <c>--json</c> output.</summary>
public sealed record KeygenResult(string KeyId, string Algorithm, string PrivateKey, string PublicKey);
