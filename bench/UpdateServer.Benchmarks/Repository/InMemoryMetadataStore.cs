using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;

namespace UpdateServer.Benchmarks.Repository;

/// <summary>A client's trusted metadata kept in memory, so measurements leave the disk out.</summary>
public sealed class InMemoryMetadataStore : ITrustedMetadataStore
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    /// <summary>A store that trusts only <paramref name="root"/>, as after <c>updater init</c>.</summary>
    public static InMemoryMetadataStore WithRoot(byte[] root)
    {
        var store = new InMemoryMetadataStore();
        store.Write(RoleNames.Root, root);
        return store;
    }

    public byte[]? Read(string role) => _files.TryGetValue(role, out var bytes) ? bytes.ToArray() : null;

    public void Write(string role, ReadOnlySpan<byte> data) => _files[role] = data.ToArray();

    public void Delete(string role) => _files.Remove(role);
}
