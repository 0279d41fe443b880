using System.Text.Json;
using System.Text.Json.Nodes;
using NuGet.Versioning;
using UpdateServer.Packaging.Versions;

namespace UpdateServer.Packaging.Catalog;

/// <summary>
/// The JSON of <see cref="ReleaseFacts"/> in a target's <c>custom</c> object. Reading validates every fact and caps
/// every list, so a malformed or hostile target is refused with a message that names the fact.
/// </summary>
internal static class ReleaseFactsJson
{
    private const int MaxListItems = 256;
    private const int MaxHardwareIds = 64;

    public static ReleaseFacts Read(JsonObject? custom)
    {
        if (custom is null)
        {
            throw new ReleaseFactsException("The target has no custom facts.");
        }

        var product = Text(custom, "product");
        if (!ReleaseFacts.IsProductId(product))
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

        var channel = custom.ContainsKey("channel") ? Text(custom, "channel") : ReleaseFacts.DefaultChannel;
        if (!ReleaseFacts.IsChannelName(channel))
        {
            throw new ReleaseFactsException($"custom.channel \"{channel}\" is not a channel name.");
        }

        var state = custom.ContainsKey("state") ? Text(custom, "state") : ReleaseStates.Stable;
        if (!ReleaseStates.IsKnown(state))
        {
            throw new ReleaseFactsException($"custom.state \"{state}\" is not one of draft, testing, stable, yanked.");
        }

        var stateReason = custom.ContainsKey("stateReason") ? Text(custom, "stateReason") : null;
        if (custom.ContainsKey("stateReason") && stateReason is not { Length: > 0 and <= ReleaseFacts.MaxStateReasonLength })
        {
            throw new ReleaseFactsException($"custom.stateReason must be text of 1 to {ReleaseFacts.MaxStateReasonLength} characters.");
        }

        var identity = new ReleaseFacts
        {
            Product = product!,
            Version = version,
            Kind = kind!,
            Channel = channel!,
            State = state!,
            StateReason = stateReason,
            Mandatory = custom["mandatory"] is JsonValue m && m.GetValueKind() == JsonValueKind.True,
        };
        return WithApplicability(identity, custom, "custom");
    }

    /// <summary>
    /// <paramref name="identity"/> with the applicability facts read from <paramref name="source"/> (a target's
    /// <c>custom</c> object, or a manifest's <c>applicability</c> object, which uses the same names).
    /// </summary>
    public static ReleaseFacts WithApplicability(ReleaseFacts identity, JsonObject? source, string scope)
    {
        source ??= [];
        var upgrades = ReadUpgrades(source, scope);
        if ((identity.Kind == ProductKinds.Upgrade) != (upgrades is not null))
        {
            throw new ReleaseFactsException($"{scope}.upgrades is required for kind upgrade, and only for it.");
        }

        var vendorPrefix = identity.Product[..(identity.Product.IndexOf('.', StringComparison.Ordinal) + 1)];
        if (upgrades is not null && !upgrades.Product.StartsWith(vendorPrefix, StringComparison.Ordinal))
        {
            // A vendor's key speaks for its own products only: an upgrade of another vendor's product would install
            // this vendor's payload and hooks on machines that run only the other vendor's software.
            throw new ReleaseFactsException($"{scope}.upgrades.product \"{upgrades.Product}\" is another vendor's product; a release may upgrade only products starting \"{vendorPrefix}\".");
        }

        var supersedes = List(source, "supersedes", scope).Select(s => ReleaseFacts.IsProductId(s)
            ? s : throw new ReleaseFactsException($"{scope}.supersedes \"{s}\" is not a product id.")).ToList();
        if (supersedes.FirstOrDefault(s => !s.StartsWith(vendorPrefix, StringComparison.Ordinal)) is { } foreign)
        {
            throw new ReleaseFactsException($"{scope}.supersedes \"{foreign}\" is another vendor's product; a release may supersede only products starting \"{vendorPrefix}\".");
        }

        return identity with
        {
            OperatingSystems = List(source, "os", scope),
            Architectures = List(source, "arch", scope),
            HardwareIds = HardwareIds(source, scope),
            Requires = ReadRequires(source, scope),
            InstallableFrom = source.ContainsKey("installableFrom") ? Range(Text(source, "installableFrom"), $"{scope}.installableFrom") : null,
            Upgrades = upgrades,
            Supersedes = supersedes,
        };
    }

    public static JsonObject Write(ReleaseFacts facts)
    {
        var custom = new JsonObject
        {
            ["product"] = facts.Product,
            ["version"] = facts.Version.ToFullString(),
            ["kind"] = facts.Kind,
            ["channel"] = facts.Channel,
            ["state"] = facts.State,
            ["mandatory"] = facts.Mandatory,
        };
        if (facts.StateReason is { } reason)
        {
            custom["stateReason"] = reason;
        }

        AddList(custom, "os", facts.OperatingSystems);
        AddList(custom, "arch", facts.Architectures);
        AddList(custom, "hardwareIds", facts.HardwareIds.Select(h => h.Text));
        AddList(custom, "supersedes", facts.Supersedes);
        if (facts.Requires.Count > 0)
        {
            custom["requires"] = new JsonArray(facts.Requires
                .Select(r => (JsonNode?)new JsonObject { ["product"] = r.Product, ["versions"] = r.Versions.ToNormalizedString() }).ToArray());
        }

        if (facts.InstallableFrom is { } from)
        {
            custom["installableFrom"] = from.ToNormalizedString();
        }

        if (facts.Upgrades is { } upgrades)
        {
            custom["upgrades"] = new JsonObject
            {
                ["product"] = upgrades.Product,
                ["from"] = upgrades.From.ToNormalizedString(),
                ["to"] = upgrades.To.ToFullString(),
            };
        }

        return custom;
    }

    private static List<Requirement> ReadRequires(JsonObject custom, string scope)
    {
        if (custom["requires"] is null)
        {
            return [];
        }

        if (custom["requires"] is not JsonArray array || array.Count > MaxListItems)
        {
            throw new ReleaseFactsException($"{scope}.requires must be a list of at most {MaxListItems} {{product, versions}} objects.");
        }

        return array.Select(item => item is JsonObject requirement
                && Text(requirement, "product") is { } product && ReleaseFacts.IsProductId(product)
                ? new Requirement(product, Range(Text(requirement, "versions"), $"{scope}.requires[{product}].versions"))
                : throw new ReleaseFactsException($"{scope}.requires entries need a product id and a versions range."))
            .ToList();
    }

    private static UpgradeSpec? ReadUpgrades(JsonObject custom, string scope)
    {
        if (custom["upgrades"] is null)
        {
            return null;
        }

        if (custom["upgrades"] is not JsonObject upgrades || Text(upgrades, "product") is not { } product || !ReleaseFacts.IsProductId(product))
        {
            throw new ReleaseFactsException($"{scope}.upgrades needs a product id, a from range and a to version.");
        }

        var to = Text(upgrades, "to");
        return new UpgradeSpec(product, Range(Text(upgrades, "from"), $"{scope}.upgrades.from"),
            StrictVersion.TryParse(to, out var target) ? target : throw new ReleaseFactsException($"{scope}.upgrades.to \"{to}\" is not a SemVer 2.0 version."));
    }

    private static VersionRange Range(string? text, string name) =>
        text is { Length: > 0 and <= 256 } && VersionRange.TryParse(text, allowFloating: false, out var range)
            ? range
            : throw new ReleaseFactsException($"{name} \"{text}\" is not a version range like [2.1.0,) or [1.0.0,2.0.0).");

    private static List<HardwareIdPattern> HardwareIds(JsonObject source, string scope)
    {
        var texts = List(source, "hardwareIds", scope);
        return texts.Count <= MaxHardwareIds
            ? texts.Select(h => HardwarePattern(h, scope)).ToList()
            : throw new ReleaseFactsException($"{scope}.hardwareIds lists {texts.Count} IDs; a release lists at most {MaxHardwareIds}.");
    }

    private static HardwareIdPattern HardwarePattern(string text, string scope) =>
        HardwareIdPattern.TryParse(text, out var pattern)
            ? pattern!
            : throw new ReleaseFactsException($"{scope}.hardwareIds \"{text}\": {HardwareIdPattern.WhyInvalid(text)}.");

    private static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static List<string> List(JsonObject custom, string name, string scope)
    {
        if (custom[name] is null)
        {
            return [];
        }

        if (custom[name] is not JsonArray array || array.Count > MaxListItems
            || array.Any(i => i is not JsonValue v || v.GetValueKind() != JsonValueKind.String || v.GetValue<string>().Length > HardwareIdPattern.MaxLength))
        {
            throw new ReleaseFactsException($"{scope}.{name} must be a list of at most {MaxListItems} strings of at most {HardwareIdPattern.MaxLength} characters.");
        }

        return array.Select(i => i!.GetValue<string>()).ToList();
    }

    private static void AddList(JsonObject custom, string name, IEnumerable<string> values)
    {
        var list = values.ToList();
        if (list.Count > 0)
        {
            custom[name] = new JsonArray(list.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }
    }
}
