using UpdateServer.Packaging.Catalog;

namespace UpdateServer.Updater.Inventory;

/// <summary>
/// Hardware IDs as Linux exposes them: the <c>modalias</c> of every PCI and USB device under <c>sys/bus</c>. The root is
/// configurable so tests and samples can describe a machine with a fake tree.
/// </summary>
public static class SysfsHardware
{
    private const int MaxDevices = 4096;
    private static readonly string[] Buses = ["sys/bus/pci/devices", "sys/bus/usb/devices"];

    /// <summary>The distinct modaliases under <paramref name="root"/>, sorted; unreadable or malformed ones are skipped.</summary>
    public static IReadOnlyList<string> Read(string root)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var bus in Buses)
        {
            var directory = Path.Combine(root, bus);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var device in Directory.EnumerateDirectories(directory).Take(MaxDevices))
            {
                var file = Path.Combine(device, "modalias");
                if (TryRead(file) is { } modalias && HardwareIdPattern.IsReportable(modalias))
                {
                    ids.Add(modalias);
                }
            }
        }

        return [.. ids.Take(MaxDevices)];
    }

    private static string? TryRead(string file)
    {
        try
        {
            if (!File.Exists(file))
            {
                return null;
            }

            // At most one ID's worth of characters: a modalias is one short line, anything longer is refused anyway.
            using var reader = new StreamReader(file);
            var buffer = new char[HardwareIdPattern.MaxLength + 2];
            var read = reader.ReadBlock(buffer);
            var text = new string(buffer, 0, read);
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            return newline >= 0 ? text[..newline].Trim() : read <= HardwareIdPattern.MaxLength + 1 ? text.Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
