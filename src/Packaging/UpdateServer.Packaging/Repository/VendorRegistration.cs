using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace UpdateServer.Packaging.Repository;

/// <summary>
/// A vendor as the server knows it: a name (its namespace <c>&lt;name&gt;/*</c>) and the SHA-256 of its API key.
/// <c>vendors.json</c> holds a list of these; the API key itself is given to the vendor and never stored.
/// </summary>
public sealed partial record VendorRegistration(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("apiKeySha256")] string ApiKeySha256)
{
    /// <summary>True for vendor names: lowercase letters, digits and dashes, 1–64 characters.</summary>
    public static bool IsValidName(string? name) => name is { Length: > 0 and <= 64 } && NamePattern().IsMatch(name);

    /// <summary>Hex SHA-256 of an API key, as stored.</summary>
    public static string HashApiKey(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    /// <summary>A new random API key: 32 bytes from the OS generator, base64url.</summary>
    public static string NewApiKey() =>
        "usk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Reads a <c>vendors.json</c> file.</summary>
    /// <exception cref="FormatException">The file is not a list of valid registrations.</exception>
    public static IReadOnlyList<VendorRegistration> ReadList(ReadOnlySpan<byte> json)
    {
        List<VendorRegistration>? list;
        try
        {
            list = JsonSerializer.Deserialize<List<VendorRegistration>>(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"vendors.json is not a JSON list of {{name, apiKeySha256}}: {e.Message}", e);
        }

        foreach (var vendor in list ?? throw new FormatException("vendors.json is empty."))
        {
            if (!IsValidName(vendor?.Name) || vendor!.ApiKeySha256 is not { Length: 64 } || !vendor.ApiKeySha256.All(char.IsAsciiHexDigitLower))
            {
                throw new FormatException($"vendors.json: \"{vendor?.Name}\" needs a name of [a-z0-9-] and a 64-character lowercase hex apiKeySha256.");
            }
        }

        return list;
    }

    /// <summary>Writes a <c>vendors.json</c> file's bytes.</summary>
    public static byte[] WriteList(IEnumerable<VendorRegistration> vendors) =>
        JsonSerializer.SerializeToUtf8Bytes(vendors.ToList(), Indented);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
