using UpdateServer.Packaging.Repository;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Testing;

/// <summary>
/// What the operator of a <see cref="TestRepository"/> signs offline for a push: later root and targets versions and
/// vendor lists, made directly with the library.
/// </summary>
public sealed class OperatorDocuments(TestRepository repository, DateTimeOffset now)
{
    /// <summary>Root <paramref name="version"/>: the keys and roles of version 1, signed by the root key.</summary>
    public byte[] Root(long version) =>
        Metadata.Create(Metadata.FromBytes<RootMetadata>(repository.RootBytes).Signed with { Version = version }).Sign(repository.RootKey).ToBytes();

    /// <summary>
    /// Targets <paramref name="version"/> delegating "acme/*" to <paramref name="acmeKey"/> (default: the repository's) and
    /// "globex/*" to globex's key, signed by <paramref name="signers"/> (default: both targets keys, the threshold).
    /// </summary>
    public byte[] Targets(long version, SigningKey? acmeKey = null, params IReadOnlyList<SigningKey> signers)
    {
        var acme = acmeKey ?? repository.AcmeKey;
        var metadata = Metadata.Create(new TargetsMetadata
        {
            Version = version,
            Expires = now.AddDays(60),
            Delegations = new Delegations(
                new[] { acme, repository.GlobexKey }.ToDictionary(k => k.KeyId, k => k.PublicKey),
                [
                    new DelegatedRole("acme", new RoleKeys([acme.KeyId], 1), true, ["acme/*"], null),
                    new DelegatedRole("globex", new RoleKeys([repository.GlobexKey.KeyId], 1), true, ["globex/*"], null),
                ]),
        });
        foreach (var signer in signers.Count > 0 ? signers : [repository.TargetsKey, repository.SecondTargetsKey])
        {
            metadata = metadata.Sign(signer);
        }

        return metadata.ToBytes();
    }

    /// <summary>Vendor list <paramref name="version"/>: acme with <paramref name="acmeApiKey"/>, globex with its key.</summary>
    public byte[] Vendors(long version, string acmeApiKey) => new VendorList(version,
    [
        new VendorRegistration("acme", VendorRegistration.HashApiKey(acmeApiKey)),
        new VendorRegistration("globex", VendorRegistration.HashApiKey(repository.GlobexApiKey)),
    ]).ToBytes();
}
