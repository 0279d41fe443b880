using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UpdateServer.Packaging.Bundles;

/// <summary>
/// <c>bundle.json</c>: the format version and the TUF target paths of the releases the bundle carries. It is not
/// signed, so a reader takes it only as where to look: every path is searched in the signed metadata (TUF 5.6.7) and
/// a path the metadata does not list refuses the bundle.
/// </summary>
public sealed record BundleIndex(int Format, IReadOnlyList<string> Targets)
{
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>The exact bytes written: UTF-8 JSON, no whitespace, properties in a fixed order.</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads an index, which must be written exactly as <see cref="ToBytes"/> writes it (no other spelling of the same data).</summary>
    /// <exception cref="BundleFormatException">Not an index of <see cref="CurrentFormat"/>, or beyond <paramref name="limits"/>.</exception>
    public static BundleIndex Read(byte[] data, BundleLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        BundleIndex? index;
        try
        {
            index = JsonSerializer.Deserialize<BundleIndex>(data, Json);
        }
        catch (JsonException e)
        {
            throw new BundleFormatException($"{BundleLayout.IndexName} is not valid: {e.Message}", e);
        }

        if (index is not { Format: CurrentFormat, Targets: { } targets })
        {
            throw new BundleFormatException($"{BundleLayout.IndexName} is not a format {CurrentFormat} bundle index.");
        }

        if (targets.Count > limits.MaxReleases || targets.Count == 0)
        {
            throw new BundleFormatException($"{BundleLayout.IndexName} names {targets.Count} releases; 1 to {limits.MaxReleases} are allowed.");
        }

        if (!data.AsSpan().SequenceEqual(index.ToBytes()))
        {
            throw new BundleFormatException($"{BundleLayout.IndexName} is not written the way bundles write it: {Encoding.UTF8.GetString(data.AsSpan(0, Math.Min(data.Length, 200)))}");
        }

        return index;
    }
}
