using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Versions;

namespace UpdateServer.Packaging.Tests.Catalog;

public sealed class DriverIndexTests
{
    private static readonly string[] Patterns =
    [
        "pci:v00008086d00001533*", "pci:v00008086d00001533sv00008086sd00000001bc02sc00i00", "pci:v00008086d00001533sv*sd*bc*sc*i*",
        "pci:v00008086d00001539sv?0008086*", "usb:v046Dp0825*", "usb:v046Dp0825d0012*", "PCI\\VEN_8086&DEV_1533", "pci\\ven_8086&dev_1533&subsys_00018086",
        "acpi:PNP0A08:*", "platform:serial8250",
        "PCI\\VEN_10EC&DEV_8168", "pci:v000010ECd00008168*",
    ];

    private static readonly string[] Reported =
    [
        "pci:v00008086d00001533sv00008086sd00000001bc02sc00i00", "pci:v00008086d00001539sv00008086sd00000001bc02sc00i00",
        "usb:v046Dp0825d0012dcEFdsc02dp01ic0Eisc01ip00in00", "PCI\\VEN_8086&DEV_1533&SUBSYS_00018086", "PCI\\VEN_8086&DEV_1533",
        "pci:v000010ECd00008168sv00001043sd00008677bc02sc00i00", "acpi:PNP0A08:", "usb:v1234p5678d0100dc00dsc00dp00ic03isc01ip02in00",
    ];

    [Fact]
    public void FindsEveryDriverThatMatchesAndSkipsTheOthers()
    {
        var drivers = Patterns.Select((pattern, i) => Driver($"acme.driver-{i}", pattern)).ToList();
        var index = new DriverIndex(drivers);

        foreach (var reported in Reported.Select(id => (IReadOnlyList<string>)[id]).Append(Reported))
        {
            var matching = drivers.Where(d => HardwareMatch.Best(d.Facts, reported) is not null).ToHashSet();
            var candidates = index.Candidates(reported).ToHashSet();

            Assert.True(candidates.IsSupersetOf(matching), $"missed {string.Join(", ", matching.Except(candidates).Select(d => d.Facts.HardwareIds[0]))} for {string.Join(" ", reported)}");
        }
    }

    [Fact]
    public void LooksOnlyAtDriversForTheDevicesPresent()
    {
        var drivers = Enumerable.Range(0, 1000).Select(i => Driver($"acme.driver-{i}", $"pci:v00008086d0000{i:X4}*")).ToList();

        var candidates = new DriverIndex(drivers).Candidates(["pci:v00008086d000001F4sv00008086sd00000001bc02sc00i00"]);

        Assert.Equal("acme.driver-500", Assert.Single(candidates).Facts.Product);
    }

    private static CatalogRelease Driver(string product, string pattern) => new($"acme/{product}-1.0.0.upkg", 1, new string('0', 64), new ReleaseFacts
    {
        Product = product,
        Version = StrictVersion.Parse("1.0.0"),
        Kind = ProductKinds.Driver,
        HardwareIds = [HardwareIdPattern.TryParse(pattern, out var parsed) ? parsed! : throw new ArgumentException(pattern)],
    });
}
