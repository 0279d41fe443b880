namespace UpdateServer.Packaging.Catalog;

/// <summary>Whether a release may be offered to a machine at all, before versions and dependencies are considered.</summary>
public static class ReleaseEligibility
{
    /// <summary>Null when <paramref name="facts"/> may go to the machine; otherwise why not, in a few words.</summary>
    /// <param name="facts">The release.</param>
    /// <param name="device">The machine.</param>
    /// <param name="matcher">Matches drivers against the machine's hardware (the planner's, with its cache and budget); by default every ID is compared.</param>
    public static string? WhyNot(ReleaseFacts facts, DeviceProfile device, HardwareMatcher? matcher = null)
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

        if (facts.Kind == ProductKinds.Component)
        {
            return "a component: installed by other means, never by updates";
        }

        if (facts.Kind == ProductKinds.Driver && !device.TakesDriversFrom(facts.Vendor))
        {
            return $"a driver from {facts.Vendor}, whose drivers this machine does not take";
        }

        if (facts.Kind == ProductKinds.Driver && (matcher ?? new HardwareMatcher(device.HardwareIds)).Best(facts) is null)
        {
            return "no matching hardware";
        }

        return device.Pins.TryGetValue(facts.InstallsProduct, out var pin) && !pin.Satisfies(facts.InstallsVersion)
            ? $"pinned to {pin.PrettyPrint()}"
            : null;
    }
}
