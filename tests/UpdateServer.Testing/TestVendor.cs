using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Testing;

/// <summary>A vendor of a <see cref="TestRepository"/>: its name (and namespace <c>name/*</c>), signing key and API key.</summary>
public sealed record TestVendor(string Name, SigningKey Key, string ApiKey);
