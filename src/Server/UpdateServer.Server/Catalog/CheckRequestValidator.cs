using UpdateServer.Packaging.Api;
using System.Text.RegularExpressions;
using NuGet.Versioning;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Versions;
using UpdateServer.Server.Devices;

namespace UpdateServer.Server.Catalog;

/// <summary>Validates a check request; errors are keyed by JSON path, as ValidationProblemDetails expects.</summary>
public static partial class CheckRequestValidator
{
    private const int MaxProducts = 512;
    private const int MaxHardwareIds = 1024;
    private const int MaxPins = 512;
    private const int MaxDriverVendors = 64;
    private const int MaxComponents = 512;

    /// <summary>The errors found; empty when the request is valid.</summary>
    public static Dictionary<string, string[]> Validate(CheckRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (!DeviceIdentity.IsValid(request.DeviceId))
        {
            errors["deviceId"] = [DeviceIdentity.Rule];
        }

        if (request.Channel is { } channel && !ReleaseFacts.IsChannelName(channel))
        {
            errors["channel"] = ["channel must be lowercase letters, digits and '-'."];
        }

        if (request.Os is not { Length: > 0 and <= 32 } || !TokenPattern().IsMatch(request.Os))
        {
            errors["os"] = ["os is required, e.g. 'linux'."];
        }

        if (request.Arch is not { Length: > 0 and <= 32 } || !TokenPattern().IsMatch(request.Arch))
        {
            errors["arch"] = ["arch is required, e.g. 'x64'."];
        }

        if (request.Products is not { Count: > 0 and <= MaxProducts } products)
        {
            errors["products"] = [$"products must list 1 to {MaxProducts} products."];
            return errors;
        }

        for (var i = 0; i < products.Count; i++)
        {
            if (!ReleaseFacts.IsProductId(products[i]?.Id))
            {
                errors[$"products[{i}].id"] = ["id must be a product id like vendor.name."];
            }

            if (products[i]?.InstalledVersion is { } version && !StrictVersion.TryParse(version, out _))
            {
                errors[$"products[{i}].installedVersion"] = [$"\"{version}\" is not a SemVer 2.0 version."];
            }
        }

        if (products.Select(p => p?.Id).Distinct(StringComparer.Ordinal).Count() != products.Count)
        {
            errors["products"] = ["Each product may be listed once."];
        }

        for (var i = 0; i < products.Count; i++)
        {
            if (products[i]?.Pin is { } pin && (pin.Length > 256 || !VersionRange.TryParse(pin, allowFloating: false, out _)))
            {
                errors[$"products[{i}].pin"] = ["pin must be a version range like [1.0.0,2.0.0) or [1.4.0]."];
            }
        }

        ValidatePins(request, products, errors);
        ValidateDriverVendors(request, errors);
        ValidateHardware(request, errors);
        ValidateComponents(request, errors);
        if (request.UpdaterProduct is { } updater && !ReleaseFacts.IsProductId(updater))
        {
            errors["updaterProduct"] = ["updaterProduct must be a product id like vendor.name."];
        }

        return errors;
    }

    private static void ValidatePins(CheckRequest request, IReadOnlyList<InstalledProduct> products, Dictionary<string, string[]> errors)
    {
        if (request.Pins is not { } pins)
        {
            return;
        }

        if (pins.Count > MaxPins)
        {
            errors["pins"] = [$"At most {MaxPins} pins."];
            return;
        }

        // Looked up, not searched: a request may list 512 products and 512 pins.
        var listed = products.Where(p => p?.Id is not null).DistinctBy(p => p.Id, StringComparer.Ordinal)
            .ToDictionary(p => p.Id!, p => p.Pin, StringComparer.Ordinal);
        foreach (var (product, range) in pins)
        {
            if (!ReleaseFacts.IsProductId(product) || range is not { Length: > 0 and <= 256 } || !VersionRange.TryParse(range, allowFloating: false, out _))
            {
                errors[$"pins.{Truncated(product)}"] = ["A pin maps a product id like vendor.name to a version range like [1.0.0,2.0.0)."];
            }
            else if (listed.GetValueOrDefault(product) is { } pin && pin != range)
            {
                errors[$"pins.{product}"] = [$"{product} is pinned to {pin} in products and to {range} here."];
            }
        }
    }

    private static void ValidateDriverVendors(CheckRequest request, Dictionary<string, string[]> errors)
    {
        if (request.DriverVendors is { } vendors
            && (vendors.Count > MaxDriverVendors || vendors.Any(v => !Packaging.Repository.VendorRegistration.IsValidName(v))))
        {
            errors["driverVendors"] = [$"driverVendors lists at most {MaxDriverVendors} vendor names (lowercase letters, digits and '-', starting with a letter)."];
        }
    }

    private static string Truncated(string? text) => text is null ? "(null)" : text.Length <= 64 ? text : text[..64] + "…";

    private static void ValidateHardware(CheckRequest request, Dictionary<string, string[]> errors)
    {
        if (request.HardwareIds is not { } ids)
        {
            return;
        }

        if (ids.Count > MaxHardwareIds)
        {
            errors["hardwareIds"] = [$"At most {MaxHardwareIds} hardware IDs."];
            return;
        }

        var bad = ids.Select((id, i) => (id, i)).FirstOrDefault(x => !HardwareIdPattern.IsReportable(x.id));
        if (bad.id is not null || ids.Any(id => id is null))
        {
            errors[$"hardwareIds[{bad.i}]"] = [$"Hardware IDs are modaliases (pci:v00008086d00001533...) or Windows IDs (PCI\\VEN_8086&DEV_1533), at most {HardwareIdPattern.MaxLength} characters, without wildcards."];
        }
    }

    private static void ValidateComponents(CheckRequest request, Dictionary<string, string[]> errors)
    {
        if (request.Components is not { } components)
        {
            return;
        }

        if (components.Count > MaxComponents)
        {
            errors["components"] = [$"At most {MaxComponents} components."];
            return;
        }

        for (var i = 0; i < components.Count; i++)
        {
            if (!ReleaseFacts.IsProductId(components[i]?.Id) || components[i]!.Version is not { Length: > 0 and <= 64 } version
                || !NuGetVersion.TryParse(version, out _))
            {
                errors[$"components[{i}]"] = ["A component needs an id like vendor.name and a version like 15.2 or 8.0.1."];
            }
        }

        if (components.Select(c => c?.Id).Distinct(StringComparer.Ordinal).Count() != components.Count)
        {
            errors["components"] = ["Each component may be listed once."];
        }
    }

    [GeneratedRegex("^[a-z0-9_-]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
