using System.Text.Json;
using System.Text.Json.Serialization;

namespace UpdateServer.Packaging.Repository;

/// <summary>
/// <c>vendors.json</c>: who may publish, numbered like metadata (<c>{"version": N, "vendors": [{name, apiKeySha256}]}</c>).
/// Each change is the next version, and the server imports a list only when its version is higher than the one it
/// holds, so an older file (the one still deployed in its folder after a push) never brings a replaced API key back.
/// </summary>
public sealed record VendorList(long Version, IReadOnlyList<VendorRegistration> Vendors)
{
    /// <summary>Reads a <c>vendors.json</c> file.</summary>
    /// <exception cref="FormatException">Not a versioned list of valid registrations (a bare list, version below 1, a name twice).</exception>
    public static VendorList Read(ReadOnlySpan<byte> json)
    {
        VendorListFile? file;
        try
        {
            file = JsonSerializer.Deserialize<VendorListFile>(json, Strict);
        }
        catch (JsonException e)
        {
            throw new FormatException($"vendors.json is not {{\"version\": N, \"vendors\": [{{name, apiKeySha256}}]}}: {e.Message}", e);
        }

        if (file is not { Version: >= 1, Vendors: { } vendors })
        {
            throw new FormatException("vendors.json needs a \"version\" of at least 1 and a \"vendors\" list.");
        }

        return new VendorList(file.Version.Value, VendorRegistration.RequireValid(vendors, "vendors.json"));
    }

    /// <summary>The file's bytes.</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(new VendorListFile(Version, [.. Vendors]), VendorRegistration.Indented);

    /// <summary>True when both lists name the same vendors with the same API key hashes, in any order.</summary>
    public bool ListsTheSameAs(IEnumerable<VendorRegistration> vendors) =>
        Vendors.ToHashSet().SetEquals(vendors);

    private static readonly JsonSerializerOptions Strict = new() { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    private sealed record VendorListFile(
        [property: JsonPropertyName("version")] long? Version,
        [property: JsonPropertyName("vendors")] List<VendorRegistration?>? Vendors);
}
