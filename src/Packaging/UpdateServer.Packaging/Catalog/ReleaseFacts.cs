using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NuGet.Versioning;
using UpdateServer.Packaging.Versions;

namespace UpdateServer.Packaging.Catalog;

/// <summary>
/// The install-relevant facts of a release, carried in its signed target's <c>custom</c> object so the
/// updater can trust them offline. The check API only gives advice; these facts are the truth.
/// </summary>
public sealed partial record ReleaseFacts
{
    public const string DefaultChannel = "stable";

    public required string Product { get; init; }

    public required NuGetVersion Version { get; init; }

    public required string Kind { get; init; }

    public string Channel { get; init; } = DefaultChannel;

    /// <summary>Operating systems the release installs on (<c>linux</c>, <c>windows</c>); empty means any.</summary>
    public IReadOnlyList<string> OperatingSystems { get; init; } = [];

    /// <summary>CPU architectures (<c>x64</c>, <c>arm64</c>); empty means any.</summary>
    public IReadOnlyList<string> Architectures { get; init; } = [];

    public bool Mandatory { get; init; }

    /// <summary>The vendor part of the product id: <c>acme</c> in <c>acme.culture-platform</c>.</summary>
    public string Vendor => Product[..Product.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>True when the release may be installed on a machine with this OS and architecture.</summary>
    public bool AppliesTo(string os, string arch) =>
        (OperatingSystems.Count == 0 || OperatingSystems.Contains(os, StringComparer.OrdinalIgnoreCase))
        && (Architectures.Count == 0 || Architectures.Contains(arch, StringComparer.OrdinalIgnoreCase));

    /// <summary>True when <paramref name="product"/> is a product id: <c>vendor.name</c>, lowercase.</summary>
    public static bool IsProductId(string? product) => product is { Length: <= 128 } && ProductIdPattern().IsMatch(product);

    /// <summary>True when <paramref name="channel"/> is a channel name: lowercase letters, digits and dashes.</summary>
    public static bool IsChannelName(string? channel) => channel is { Length: <= 64 } && ChannelPattern().IsMatch(channel);

    /// <summary>Reads the facts from a target's custom object.</summary>
    /// <exception cref="ReleaseFactsException">A fact is missing or malformed.</exception>
    public static ReleaseFacts FromCustom(JsonObject? custom)
    {
        if (custom is null)
        {
            throw new ReleaseFactsException("The target has no custom facts.");
        }

        var product = Text(custom, "product");
        if (!IsProductId(product))
        {
            throw new ReleaseFactsException($"custom.product \"{product}\" is not a product id like vendor.name.");
        }

        var versionText = Text(custom, "version");
        if (!StrictVersion.TryParse(versionText, out var version))
        {
            throw new ReleaseFactsException($"custom.version \"{versionText}\" is not a SemVer 2.0 version.");
        }

        var kind = Text(custom, "kind");
        if (!ProductKinds.IsKnown(kind))
        {
            throw new ReleaseFactsException($"custom.kind \"{kind}\" is not one of platform, driver, upgrade, component.");
        }

        var channel = custom.ContainsKey("channel") ? Text(custom, "channel") : DefaultChannel;
        if (!IsChannelName(channel))
        {
            throw new ReleaseFactsException($"custom.channel \"{channel}\" is not a channel name.");
        }

        return new ReleaseFacts
        {
            Product = product!,
            Version = version,
            Kind = kind!,
            Channel = channel!,
            OperatingSystems = List(custom, "os"),
            Architectures = List(custom, "arch"),
            Mandatory = custom["mandatory"] is JsonValue m && m.GetValueKind() == JsonValueKind.True,
        };
    }

    /// <summary>The custom object for a target: what <see cref="FromCustom"/> reads back.</summary>
    public JsonObject ToCustom()
    {
        var custom = new JsonObject
        {
            ["product"] = Product,
            ["version"] = Version.ToFullString(),
            ["kind"] = Kind,
            ["channel"] = Channel,
            ["mandatory"] = Mandatory,
        };
        if (OperatingSystems.Count > 0)
        {
            custom["os"] = new JsonArray(OperatingSystems.Select(o => (JsonNode?)JsonValue.Create(o)).ToArray());
        }

        if (Architectures.Count > 0)
        {
            custom["arch"] = new JsonArray(Architectures.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray());
        }

        return custom;
    }

    private static string? Text(JsonObject custom, string name) =>
        custom[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static List<string> List(JsonObject custom, string name)
    {
        if (custom[name] is null)
        {
            return [];
        }

        if (custom[name] is not JsonArray array || array.Any(i => i is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
        {
            throw new ReleaseFactsException($"custom.{name} must be a list of strings.");
        }

        return array.Select(i => i!.GetValue<string>()).ToList();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ProductIdPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelPattern();
}
