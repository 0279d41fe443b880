namespace UpdateServer.EndToEnd.Tests.Support;

/// <summary>
/// A fake file system root for the updater's inventory: <c>etc/os-release</c> and one <c>sys/bus/&lt;bus&gt;/devices/*/modalias</c>
/// per hardware ID, so a test can describe a machine's hardware.
/// </summary>
public static class FakeMachineRoot
{
    public static string Create(string folder, params string[] modaliases)
    {
        Directory.CreateDirectory(Path.Combine(folder, "etc"));
        File.WriteAllText(Path.Combine(folder, "etc", "os-release"), "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12\"\n");
        for (var i = 0; i < modaliases.Length; i++)
        {
            var bus = modaliases[i][..modaliases[i].IndexOf(':', StringComparison.Ordinal)];
            var device = Path.Combine(folder, "sys", "bus", bus, "devices", $"device-{i}");
            Directory.CreateDirectory(device);
            File.WriteAllText(Path.Combine(device, "modalias"), modaliases[i] + "\n");
        }

        return folder;
    }
}
