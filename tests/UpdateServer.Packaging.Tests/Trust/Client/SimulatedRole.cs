using System.Text.Json.Nodes;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Packaging.Tests.Trust.Client;

/// <summary>
/// What a <see cref="SimulatedRepository"/> knows about one role: its keys, version, expiry and (for targets
/// roles) its targets and delegations. Tests change these fields, then publish, to stage every situation.
/// </summary>
public sealed class SimulatedRole
{
    public SimulatedRole(string name, DateTimeOffset expires)
    {
        Name = name;
        Expires = expires;
        Keys.Add(SigningKey.Generate(KeyAlgorithm.Ed25519));
    }

    public string Name { get; }

    /// <summary>The keys the delegator (root, or the delegating targets role) lists for this role.</summary>
    public List<SigningKey> Keys { get; } = [];

    public int Threshold { get; set; } = 1;

    /// <summary>The version in file names and in the referencing metadata (and, unless overridden, in the file).</summary>
    public long Version { get; set; } = 1;

    /// <summary>When set, the signed file claims this version while names and references keep <see cref="Version"/>.</summary>
    public long? ContentVersion { get; set; }

    public DateTimeOffset Expires { get; set; }

    /// <summary>Who actually signs; null means <see cref="Keys"/>.</summary>
    public IReadOnlyList<SigningKey>? SignWith { get; set; }

    /// <summary>Fields this implementation does not model, placed in "signed" before signing.</summary>
    public JsonObject? UnrecognizedFields { get; set; }

    /// <summary>Applied to the signed bytes before they are served and hashed into the referencing metadata.</summary>
    public Func<byte[], byte[]>? AfterSigning { get; set; }

    /// <summary>False to leave this role out of snapshot's meta.</summary>
    public bool ListedInSnapshot { get; set; } = true;

    public Dictionary<string, TargetFile> Targets { get; } = new(StringComparer.Ordinal);

    /// <summary>Delegations in priority order; their keys are refreshed from the delegated role on publishing.</summary>
    public List<DelegatedRole> Delegations { get; } = [];

    public RoleKeys RoleKeys => new(Keys.Select(k => k.KeyId).ToList(), Threshold);

    /// <summary>Signs <paramref name="signed"/> with <see cref="SignWith"/> (or <see cref="Keys"/>) and applies <see cref="AfterSigning"/>.</summary>
    public byte[] Sign<T>(T signed, IEnumerable<SigningKey>? signers = null) where T : SignedMetadata, ISignedRole<T>
    {
        var metadata = Metadata.Create(signed);
        foreach (var key in signers ?? SignWith ?? Keys)
        {
            metadata = metadata.Sign(key);
        }

        var bytes = metadata.ToBytes();
        return AfterSigning is null ? bytes : AfterSigning(bytes);
    }
}
