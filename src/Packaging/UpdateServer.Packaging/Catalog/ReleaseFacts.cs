using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NuGet.Versioning;

namespace UpdateServer.Packaging.Catalog;

/// <summary>
/// The install-relevant facts of a release, carried in its signed target's <c>custom</c> object so the
/// updater can trust them offline. The check API only gives advice; these facts are the truth.
/// </summary>
public sealed partial record ReleaseFacts
{
    public const string DefaultChannel = "stable";
    public const int MaxStateReasonLength = 512;

    public required string Product { get; init; }

    public required NuGetVersion Version { get; init; }

    public required string Kind { get; init; }

    public string Channel { get; init; } = DefaultChannel;

    /// <summary>The lifecycle state (<see cref="ReleaseStates"/>); stable when not given.</summary>
    public string State { get; init; } = ReleaseStates.Stable;

    /// <summary>Why the release is in its state, e.g. why it was yanked; signed, so machines can show it.</summary>
    public string? StateReason { get; init; }

    /// <summary>Operating systems the release installs on (<c>linux</c>, <c>windows</c>); empty means any.</summary>
    public IReadOnlyList<string> OperatingSystems { get; init; } = [];

    /// <summary>CPU architectures (<c>x64</c>, <c>arm64</c>); empty means any.</summary>
    public IReadOnlyList<string> Architectures { get; init; } = [];

    public bool Mandatory { get; init; }

    /// <summary>For drivers: the hardware IDs the driver supports; a driver applies only to machines reporting a match.</summary>
    public IReadOnlyList<HardwareIdPattern> HardwareIds { get; init; } = [];

    /// <summary>Other products this release needs, each in a version range; the plan brings them first.</summary>
    public IReadOnlyList<Requirement> Requires { get; init; } = [];

    /// <summary>Installed versions this release can be applied over; null for any (e.g. 2.3 installs over 2.x only).</summary>
    public VersionRange? InstallableFrom { get; init; }

    /// <summary>For upgrade packages: the product and version range they move, and the version they move it to.</summary>
    public UpgradeSpec? Upgrades { get; init; }

    /// <summary>Products this release replaces; a plan that installs it installs none of them.</summary>
    public IReadOnlyList<string> Supersedes { get; init; } = [];

    /// <summary>The vendor part of the product id: <c>acme</c> in <c>acme.culture-platform</c>.</summary>
    public string Vendor => Product[..Product.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>The product whose installed version this release sets: the upgraded product for upgrade packages, else its own.</summary>
    public string InstallsProduct => Upgrades?.Product ?? Product;

    /// <summary>The version of <see cref="InstallsProduct"/> after installing this release.</summary>
    public NuGetVersion InstallsVersion => Upgrades?.To ?? Version;

    /// <summary>True when the release may be installed on a machine with this OS and architecture.</summary>
    public bool AppliesTo(string os, string arch) =>
        (OperatingSystems.Count == 0 || OperatingSystems.Contains(os, StringComparer.OrdinalIgnoreCase))
        && (Architectures.Count == 0 || Architectures.Contains(arch, StringComparer.OrdinalIgnoreCase));

    /// <summary>True when <paramref name="product"/> is a product id: <c>vendor.name</c>, lowercase.</summary>
    public static bool IsProductId(string? product) => product is { Length: <= 128 } && ProductIdPattern().IsMatch(product);

    /// <summary>True when <paramref name="channel"/> is a channel name: lowercase letters, digits and dashes.</summary>
    public static bool IsChannelName(string? channel) => channel is { Length: <= 64 } && ChannelPattern().IsMatch(channel);

    /// <summary>Reads the facts from a target's custom object.</summary>
    /// <exception cref="ReleaseFactsException">A fact is missing or malformed; the message names it.</exception>
    public static ReleaseFacts FromCustom(JsonObject? custom) => ReleaseFactsJson.Read(custom);

    /// <summary>
    /// The facts a package's manifest states: product, version and kind, and its <c>applicability</c> object (which
    /// uses the names of the custom object: os, arch, hardwareIds, requires, installableFrom, upgrades, supersedes).
    /// </summary>
    /// <exception cref="ReleaseFactsException">An applicability fact is malformed; the message names it.</exception>
    public static ReleaseFacts FromManifest(Packages.PackageManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var identity = new ReleaseFacts { Product = manifest.Product, Version = manifest.Version, Kind = Packages.PackageKindNames.ToJson(manifest.Kind) };
        return ReleaseFactsJson.WithApplicability(identity, manifest.Applicability, "applicability");
    }

    /// <summary>Reads the facts from a stored custom object's JSON text; null when they do not read under today's rules.</summary>
    public static ReleaseFacts? FromStoredJson(string customJson)
    {
        try
        {
            return FromCustom(System.Text.Json.Nodes.JsonNode.Parse(customJson) as JsonObject);
        }
        catch (Exception e) when (e is ReleaseFactsException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The custom object for a target: what <see cref="FromCustom"/> reads back.</summary>
    public JsonObject ToCustom() => ReleaseFactsJson.Write(this);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ProductIdPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelPattern();
}
