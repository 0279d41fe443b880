using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using NuGet.Versioning;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Repository;
using UpdateServer.Packaging.Trust.Client;

namespace UpdateServer.Updater.Configuration;

/// <summary>Reads and validates the configuration file; every error names the file and the key.</summary>
public static class UpdaterConfigLoader
{
    private const int MaxConfigBytes = 1024 * 1024;

    /// <exception cref="ConfigurationException">The file is missing, not JSON, or a value is invalid.</exception>
    public static UpdaterSettings Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new ConfigurationException($"Configuration file {fullPath} does not exist (use --config).");
        }

        if (new FileInfo(fullPath).Length > MaxConfigBytes)
        {
            throw new ConfigurationException($"{fullPath} is larger than {MaxConfigBytes} bytes.");
        }

        UpdaterConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<UpdaterConfig>(File.ReadAllBytes(fullPath), ReadOptions);
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"{fullPath} is not valid configuration JSON: {e.Message}", e);
        }

        return Validate(config ?? throw new ConfigurationException($"{fullPath} is empty."), fullPath);
    }

    private static UpdaterSettings Validate(UpdaterConfig config, string file)
    {
        var folder = Path.GetDirectoryName(file)!;
        if (!Uri.TryCreate(config.ServerUrl, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
        {
            throw Invalid(file, "serverUrl", "must be an absolute http(s) URL");
        }

        var channel = config.Channel ?? ReleaseFacts.DefaultChannel;
        if (!ReleaseFacts.IsChannelName(channel))
        {
            throw Invalid(file, "channel", "must be lowercase letters, digits and '-'");
        }

        var products = config.Products ?? [];
        if (products.Count == 0 || products.Any(p => !ReleaseFacts.IsProductId(p)))
        {
            throw Invalid(file, "products", "must list product ids like vendor.name");
        }

        var mirrors = new List<Uri>();
        foreach (var mirror in config.Mirrors ?? [])
        {
            mirrors.Add(Uri.TryCreate(mirror, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                ? WithSlash(url)
                : throw Invalid(file, "mirrors", "must list absolute http(s) URLs"));
        }

        return new UpdaterSettings(
            WithSlash(server),
            Resolve(folder, config.DataDirectory, file, "dataDirectory"),
            Resolve(folder, config.InstallRoot, file, "installRoot"),
            Resolve(folder, config.TrustedRoot, file, "trustedRoot"),
            channel,
            config.DeviceId ?? Environment.MachineName,
            products,
            config.Os ?? DetectOs(),
            config.Arch ?? RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant())
        {
            Mirrors = mirrors.Count > 0 ? mirrors : [WithSlash(server)],
            Transport = Limits(config, file),
            TestRing = config.TestRing ?? false,
            Pins = Pins(config, file),
            UpdaterProduct = config.UpdaterProduct is null || ReleaseFacts.IsProductId(config.UpdaterProduct)
                ? config.UpdaterProduct
                : throw Invalid(file, "updaterProduct", "must be a product id like vendor.name"),
            DriverVendors = config.DriverVendors is null ? null
                : config.DriverVendors.All(VendorRegistration.IsValidName) ? config.DriverVendors.ToHashSet(StringComparer.Ordinal)
                : throw Invalid(file, "driverVendors", "must list vendor names (lowercase letters, digits and '-', starting with a letter)"),
            InventoryRoot = config.Inventory?.Root is { } root ? Path.GetFullPath(Path.Combine(folder, root)) : "/",
            Probes = Probes(config, file),
            HookTimeout = Positive(config.HookTimeout, TimeSpan.FromMinutes(5), file, "hookTimeout"),
        };
    }

    private static TransportLimits Limits(UpdaterConfig config, string file)
    {
        var defaults = new TransportLimits();
        return new TransportLimits
        {
            RequestTimeout = Positive(config.RequestTimeout, defaults.RequestTimeout, file, "requestTimeout"),
            StallTimeout = Positive(config.StallTimeout, defaults.StallTimeout, file, "stallTimeout"),
            MinimumBytesPerSecond = config.MinimumBytesPerSecond is < 0
                ? throw Invalid(file, "minimumBytesPerSecond", "must not be negative")
                : config.MinimumBytesPerSecond ?? defaults.MinimumBytesPerSecond,
        };
    }

    private static Dictionary<string, VersionRange> Pins(UpdaterConfig config, string file)
    {
        var pins = new Dictionary<string, VersionRange>(StringComparer.Ordinal);
        foreach (var (product, range) in config.Pins ?? new Dictionary<string, string>())
        {
            pins[product] = ReleaseFacts.IsProductId(product) && VersionRange.TryParse(range, allowFloating: false, out var parsed)
                ? parsed
                : throw Invalid(file, $"pins.{product}", "must map a product id to a version range like [1.0.0,2.0.0)");
        }

        return pins;
    }

    private static List<ComponentProbe> Probes(UpdaterConfig config, string file)
    {
        var probes = new List<ComponentProbe>();
        foreach (var probe in config.Inventory?.Probes ?? [])
        {
            var key = $"inventory.probes[{probes.Count}]";
            if (!ReleaseFacts.IsProductId(probe.Id) || string.IsNullOrWhiteSpace(probe.Command) || string.IsNullOrEmpty(probe.Pattern))
            {
                throw Invalid(file, key, "needs an id like vendor.name, a command and a pattern");
            }

            Regex pattern;
            try
            {
                pattern = new Regex(probe.Pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw Invalid(file, $"{key}.pattern", $"is not a regular expression: {e.Message}");
            }

            probes.Add(new ComponentProbe(probe.Id!, probe.Command!, probe.Arguments ?? [], pattern,
                Positive(probe.Timeout, TimeSpan.FromSeconds(10), file, $"{key}.timeout")));
        }

        return probes;
    }

    private static TimeSpan Positive(TimeSpan? value, TimeSpan fallback, string file, string key) =>
        value is { } given && given <= TimeSpan.Zero ? throw Invalid(file, key, "must be a positive duration like \"00:00:20\"") : value ?? fallback;

    private static Uri WithSlash(Uri url) => url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");

    private static string Resolve(string folder, string? value, string file, string key) =>
        string.IsNullOrWhiteSpace(value) ? throw Invalid(file, key, "is required") : Path.GetFullPath(Path.Combine(folder, value));

    private static string DetectOs() =>
        OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : OperatingSystem.IsLinux() ? "linux" : "unknown";

    private static ConfigurationException Invalid(string file, string key, string rule) => new($"{file}: \"{key}\" {rule}.");

    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };
}
