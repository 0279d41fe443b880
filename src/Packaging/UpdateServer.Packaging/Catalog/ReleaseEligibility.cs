namespace UpdateServer.Packaging.Catalog;

/// <summary>Whether a release may be offered to a machine at all, before versions and dependencies are considered.</summary>
public static class ReleaseEligibility
{
    /// <summary>Null when <paramref name="facts"/> may go to the machine; otherwise why not, in a few words.</summary>
    public static string? WhyNot(ReleaseFacts facts, DeviceProfile device)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(device);
        if (facts.State == ReleaseStates.Draft)
        {
            return "draft";
        }

        if (facts.State == ReleaseStates.Yanked)
        {
            return "yanked";
        }

        if (facts.State == ReleaseStates.Testing && !device.TestRing)
        {
            return "testing (this machine is not in the test ring)";
        }

        if (facts.Channel != device.Channel && facts.Channel != ReleaseFacts.DefaultChannel)
        {
            return $"channel {facts.Channel}";
        }

        if (!facts.AppliesTo(device.Os, device.Arch))
        {
            return $"not for {device.Os}/{device.Arch}";
        }

        if (facts.Kind == ProductKinds.Driver && HardwareMatch.Best(facts, device.HardwareIds) is null)
        {
            return "no matching hardware";
        }

        return device.Pins.TryGetValue(facts.InstallsProduct, out var pin) && !pin.Satisfies(facts.InstallsVersion)
            ? $"pinned to {pin.PrettyPrint()}"
            : null;
    }
}
