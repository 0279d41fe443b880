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

        return errors;
    }

    /// <summary>The installed version of a validated entry, or null.</summary>
    public static NuGetVersion? InstalledVersion(InstalledProduct product) =>
        product.InstalledVersion is { } text ? StrictVersion.Parse(text) : null;

    [GeneratedRegex("^[a-z0-9_-]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
