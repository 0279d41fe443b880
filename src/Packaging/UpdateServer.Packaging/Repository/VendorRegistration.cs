using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace UpdateServer.Packaging.Repository;

/// <summary>
/// A vendor as the server knows it: a name (its namespace <c>&lt;name&gt;/*</c>) and the SHA-256 of its API key.
/// <c>vendors.json</c> (<see cref="VendorList"/>) holds these; the API key itself is given to the vendor and never stored.
/// </summary>
public sealed partial record VendorRegistration(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("apiKeySha256")] string ApiKeySha256)
{
    /// <summary>
    /// True for vendor names: 1–64 lowercase letters, digits and dashes, starting with a letter. A leading digit is
    /// refused because metadata file names put the version first: <c>2026.bin-3.json</c> must mean version 2026 of
    /// role <c>bin-3</c>, never the role <c>2026.bin-3</c> of a vendor "2026".
    /// </summary>
    public static bool IsValidName(string? name) => name is { Length: > 0 and <= 64 } && NamePattern().IsMatch(name);

    /// <summary>Hex SHA-256 of an API key, as stored.</summary>
    public static string HashApiKey(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    /// <summary>A new random API key: 32 bytes from the OS generator, base64url.</summary>
    public static string NewApiKey() =>
        "usk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Reads a plain JSON list of registrations (<c>operators.json</c>).</summary>
    /// <param name="json">The file's bytes.</param>
    /// <param name="fileName">The file name errors mention.</param>
    /// <exception cref="FormatException">The file is not a list of valid registrations.</exception>
    public static IReadOnlyList<VendorRegistration> ReadList(ReadOnlySpan<byte> json, string fileName)
    {
        List<VendorRegistration?>? list;
        try
        {
            list = JsonSerializer.Deserialize<List<VendorRegistration?>>(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{fileName} is not a JSON list of {{name, apiKeySha256}}: {e.Message}", e);
        }

        return RequireValid(list ?? throw new FormatException($"{fileName} is empty."), fileName);
    }

    /// <summary>Writes a plain JSON list of registrations (<c>operators.json</c>).</summary>
    public static byte[] WriteList(IEnumerable<VendorRegistration> vendors) =>
        JsonSerializer.SerializeToUtf8Bytes(vendors.ToList(), Indented);

    /// <summary>Checks every entry (name, hash) and that no name is given twice.</summary>
    /// <exception cref="FormatException">The first entry that is not valid.</exception>
    internal static List<VendorRegistration> RequireValid(IEnumerable<VendorRegistration?> entries, string fileName)
    {
        var valid = new List<VendorRegistration>();
        foreach (var vendor in entries)
        {
            if (!IsValidName(vendor?.Name) || vendor!.ApiKeySha256 is not { Length: 64 } || !vendor.ApiKeySha256.All(char.IsAsciiHexDigitLower))
            {
                throw new FormatException(
                    $"{fileName}: \"{vendor?.Name}\" needs a name of [a-z0-9-] starting with a letter and a 64-character lowercase hex apiKeySha256.");
            }

            if (valid.FirstOrDefault(v => v.Name == vendor.Name || v.ApiKeySha256 == vendor.ApiKeySha256) is { } twice)
            {
                throw new FormatException(twice.Name == vendor.Name
                    ? $"{fileName}: \"{vendor.Name}\" is listed twice."
                    : $"{fileName}: \"{vendor.Name}\" has the same API key as \"{twice.Name}\".");
            }

            valid.Add(vendor);
        }

        return valid;
    }

    internal static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [GeneratedRegex("^[a-z][a-z0-9-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
