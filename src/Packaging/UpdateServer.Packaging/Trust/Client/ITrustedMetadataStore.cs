namespace UpdateServer.Packaging.Trust.Client;

/// <summary>The client's persisted trusted metadata: one file per role, exactly the bytes received (5.3.8, 5.4.5, 5.5.7, 5.6.6).</summary>
public interface ITrustedMetadataStore
{
    /// <summary>The stored bytes for <paramref name="role"/>, or null when none are stored.</summary>
    byte[]? Read(string role);

    /// <summary>Replaces the stored bytes atomically: after a crash either the old or the new file is there.</summary>
    void Write(string role, ReadOnlySpan<byte> data);

    /// <summary>Removes the stored file, if any.</summary>
    void Delete(string role);
}
