using UpdateServer.Packaging.Catalog;
using UpdateServer.Updater.Inventory;

namespace UpdateServer.Updater.Tests.Inventory;

public sealed class SysfsHardwareTests : IDisposable
{
    private const string Nic = "pci:v00008086d000015BCsv000017AAsd00002292bc02sc00i00";
    private const string Gpu = "pci:v000010DEd00002484sv00001458sd0000403Bbc03sc00i00";
    private const string Hub = "usb:v1D6Bp0002d0510dc09dsc00dp03ic09isc00ip00in00";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ReadsPciAndUsbModaliasesSorted()
    {
        Device("pci", "0000:00:1f.6", Nic + "\n");
        Device("pci", "0000:01:00.0", Gpu + "\n");
        Device("usb", "1-0:1.0", Hub + "\n");

        Assert.Equal([Gpu, Nic, Hub], SysfsHardware.Read(_folder.Path));
    }

    [Fact]
    public void ReadsDevicesThatAreLinksAsInRealSysfs()
    {
        var real = Path.Combine(_folder.Path, "sys", "devices", "pci0000:00", "0000:00:1f.6");
        Directory.CreateDirectory(real);
        File.WriteAllText(Path.Combine(real, "modalias"), Nic + "\n");
        var devices = Directory.CreateDirectory(Path.Combine(_folder.Path, "sys", "bus", "pci", "devices")).FullName;
        File.CreateSymbolicLink(Path.Combine(devices, "0000:00:1f.6"), "../../../devices/pci0000:00/0000:00:1f.6");

        Assert.Equal([Nic], SysfsHardware.Read(_folder.Path));
    }

    [Fact]
    public void ListsAnIdReportedByManyDevicesOnce()
    {
        Device("usb", "1-1", Hub);
        Device("usb", "2-1", Hub);
        Device("usb", "3-1", "  " + Hub + "  \n");

        Assert.Equal([Hub], SysfsHardware.Read(_folder.Path));
    }

    [Fact]
    public void IsEmptyWithoutSysfs()
    {
        Assert.Empty(SysfsHardware.Read(_folder.Path));
        Assert.Empty(SysfsHardware.Read(Path.Combine(_folder.Path, "missing")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("pci:v00008086d*")]
    [InlineData("pci:v00008086d0000153?")]
    [InlineData("PCI:v00008086")]
    [InlineData("no colon at all")]
    [InlineData("pci:v0000 8086")]
    [InlineData("pci:v00008086\u0000d00001533")]
    [InlineData("pci:v00008086/../../etc")]
    public void SkipsMalformedModaliases(string content)
    {
        Device("pci", "0000:00:1f.6", Nic);
        Device("pci", "0000:00:1f.7", content);

        Assert.Equal([Nic], SysfsHardware.Read(_folder.Path));
    }

    [Fact]
    public void SkipsBinaryAndOversizedModaliases()
    {
        Device("pci", "0000:00:1f.6", Nic);
        var binary = Path.Combine(Device("pci", "0000:00:1f.7", string.Empty), "modalias");
        File.WriteAllBytes(binary, [0x00, 0xFF, 0xFE, 0x01, 0x80, 0x0A, 0x70, 0x63, 0x69, 0x3A]);
        Device("pci", "0000:00:1f.8", "pci:v" + new string('A', HardwareIdPattern.MaxLength - 4));
        Device("pci", "0000:00:1f.9", "pci:v" + new string('A', HardwareIdPattern.MaxLength - 5));
        Device("usb", "1-1", "usb:v" + new string('B', 1024 * 1024));

        Assert.Equal([Nic, "pci:v" + new string('A', HardwareIdPattern.MaxLength - 5)], SysfsHardware.Read(_folder.Path));
    }

    [Fact]
    public void ReadsOnlyTheFirstLine()
    {
        Device("pci", "0000:00:1f.6", Nic + "\n" + Gpu + "\n");

        Assert.Equal([Nic], SysfsHardware.Read(_folder.Path));
    }

    [Fact]
    public void SkipsDevicesWithoutAModaliasFile()
    {
        Device("pci", "0000:00:1f.6", Nic);
        Directory.CreateDirectory(Path.Combine(_folder.Path, "sys", "bus", "pci", "devices", "0000:00:00.0"));
        Directory.CreateDirectory(Path.Combine(_folder.Path, "sys", "bus", "pci", "devices", "0000:00:00.1", "modalias"));
        File.WriteAllText(Path.Combine(_folder.Path, "sys", "bus", "pci", "devices", "stray-file"), Gpu);

        Assert.Equal([Nic], SysfsHardware.Read(_folder.Path));
    }

    [Fact]
    public void ReportsAtMost4096Ids()
    {
        for (var i = 0; i < 4100; i++)
        {
            Device("pci", $"0000:{i:x4}.0", $"pci:v00008086d{i:X8}");
        }

        for (var i = 0; i < 20; i++)
        {
            Device("usb", $"1-{i}", $"usb:v1D6Bp{i:X4}");
        }

        var ids = SysfsHardware.Read(_folder.Path);

        Assert.Equal(4096, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    private string Device(string bus, string name, string modalias)
    {
        var device = Directory.CreateDirectory(Path.Combine(_folder.Path, "sys", "bus", bus, "devices", name)).FullName;
        File.WriteAllText(Path.Combine(device, "modalias"), modalias);
        return device;
    }
}
