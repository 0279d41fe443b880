using System.Globalization;
using System.Text.Json;
using NuGet.Versioning;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Server.Catalog;
using UpdateServer.Server.Data;

namespace UpdateServer.Benchmarks.Catalog;

/// <summary>
/// A catalog the size of a busy vendor platform and a machine that manages 20 of its products: 10,000 releases over
/// 400 platform products, 80 drivers and 20 upgrade packages (20 versions each, 1.0.0 to 2.9.0), with requirements, installable-from
/// ranges, supersedes and a few testing and yanked releases; the machine has old versions installed, 40 hardware IDs
/// (4 of them matched by drivers) and 3 probed components.
/// </summary>
public static class LargeCatalog
{
    public const int ReleaseCount = 10_000;
    private const int VersionsPerProduct = 20;

    public static CatalogIndex Build() => new(Records());

    public static IEnumerable<ReleaseRecord> Records()
    {
        var products = ReleaseCount / VersionsPerProduct;
        for (var p = 0; p < products; p++)
        {
            var kind = p < 400 ? ProductKinds.Platform : p < 480 ? ProductKinds.Driver : ProductKinds.Upgrade;
            for (var v = 0; v < VersionsPerProduct; v++)
            {
                var facts = Facts(p, v, kind);
                var path = $"acme/{facts.Product}-{facts.Version.ToFullString()}.upkg";
                yield return new ReleaseRecord
                {
                    Vendor = "acme", TargetPath = path, Product = facts.Product, Version = facts.Version.ToFullString(), Kind = kind,
                    Channel = facts.Channel, State = facts.State, Length = 1_000_000 + v, Sha256 = new string('a', 64),
                    CustomJson = facts.ToCustom().ToJsonString(),
                };
            }
        }
    }

    /// <summary>
    /// The worst case a vendor and a device can make together within the limits: 1,600 driver releases whose 64
    /// patterns each carry 8 wildcards and share the device's vendor and device ID, against a device that reports the
    /// maximum of 1,024 hardware IDs of 128 characters, all of that device.
    /// </summary>
    public static (CatalogIndex Catalog, byte[] Request) Hostile()
    {
        var patterns = Enumerable.Range(0, 64)
            .Select(i => Pattern($"pci:v00008086d00001533sv*{i:X2}*sd*bc*sc*i*?*AB")).ToList();
        var records = Enumerable.Range(0, 80).SelectMany(p => Enumerable.Range(0, 20).Select(v =>
        {
            var facts = new ReleaseFacts
            {
                Product = Product(p), Version = new NuGetVersion(1, v, 0), Kind = ProductKinds.Driver, OperatingSystems = ["linux"], HardwareIds = patterns,
            };
            return new ReleaseRecord
            {
                Vendor = "acme", TargetPath = $"acme/{facts.Product}-{facts.Version.ToFullString()}.upkg", Product = facts.Product,
                Version = facts.Version.ToFullString(), Kind = facts.Kind, Channel = facts.Channel, State = facts.State, Length = 1,
                Sha256 = new string('a', 64), CustomJson = facts.ToCustom().ToJsonString(),
            };
        }));
        var request = JsonSerializer.SerializeToUtf8Bytes(new CheckRequest
        {
            DeviceId = "kiosk-07",
            Os = "linux",
            Arch = "x64",
            Products = [new InstalledProduct(Product(0), "1.0.0")],
            HardwareIds = [.. Enumerable.Range(0, 1024).Select(i => $"pci:v00008086d00001533sv{i:X8}".PadRight(128, 'C'))],
        }, JsonSerializerOptions.Web);
        return (new CatalogIndex(records), request);
    }

    /// <summary>The check request of a machine that manages <paramref name="products"/> products, as bytes on the wire.</summary>
    public static byte[] RequestBody(int products = 20) => JsonSerializer.SerializeToUtf8Bytes(new CheckRequest
    {
        DeviceId = "kiosk-07",
        Channel = "stable",
        Os = "linux",
        Arch = "x64",
        Products = Enumerable.Range(0, products).Select(i => new InstalledProduct(Product(i * 7), "1.3.0")).ToList(),
        HardwareIds = [.. Enumerable.Range(0, 36).Select(i => Modalias(0x1000 + i)), .. Enumerable.Range(0, 4).Select(i => Modalias(0x2000 + i))],
        Components = [new ComponentVersion("os.debian", "12"), new ComponentVersion("postgres.server", "15.4"), new ComponentVersion("nginx.server", "1.24.0")],
        UpdaterProduct = Product(399),
    }, JsonSerializerOptions.Web);

    private static ReleaseFacts Facts(int p, int v, string kind)
    {
        var version = new NuGetVersion(v / 10 + 1, v % 10, 0);
        var facts = new ReleaseFacts
        {
            Product = Product(p),
            Version = version,
            Kind = kind,
            OperatingSystems = ["linux"],
            State = v == 19 && p % 10 == 0 ? ReleaseStates.Testing : v == 18 && p % 17 == 0 ? ReleaseStates.Yanked : ReleaseStates.Stable,
            InstallableFrom = version.Major > 1 ? VersionRange.Parse($"[{version.Major}.0.0, )") : null,
            Requires = p % 5 == 1 && version.Major > 1 ? [new Requirement(Product(p - 1), VersionRange.Parse("[2.0.0, )"))] : [],
            Supersedes = p == 398 ? [Product(397)] : [],
        };
        return kind switch
        {
            ProductKinds.Driver => facts with { HardwareIds = [Pattern($"pci:v00008086d0000{0x2000 + (p - 400):X4}*")], Requires = [] },
            ProductKinds.Upgrade => facts with
            {
                Upgrades = new UpgradeSpec(Product(p - 480), VersionRange.Parse($"[{version.Major}.0.0, {version.Major + 1}.0.0)"),
                    new NuGetVersion(version.Major + 1, 0, 0)),
                InstallableFrom = null,
                Requires = [],
            },
            _ => facts,
        };
    }

    private static string Product(int p) => "acme.product-" + p.ToString("D3", CultureInfo.InvariantCulture);

    private static string Modalias(int device) => $"pci:v00008086d0000{device:X4}sv00001028sd0000085Cbc03sc00i00";

    private static HardwareIdPattern Pattern(string text) =>
        HardwareIdPattern.TryParse(text, out var pattern) ? pattern! : throw new InvalidOperationException(text);
}
