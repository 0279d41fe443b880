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

        if (facts.Kind == ProductKinds.Driver && WhyNotDriverFor(facts, device, matcher ?? new HardwareMatcher(device.HardwareIds)) is { } driver)
        {
            return driver;
        }

        return device.Pins.TryGetValue(facts.InstallsProduct, out var pin) && !pin.Satisfies(facts.InstallsVersion)
            ? $"pinned to {pin.PrettyPrint()}"
            : null;
    }

    /// <summary>
    /// Null when the driver <paramref name="facts"/> is for this machine: from a vendor whose drivers it takes, matching
    /// its hardware; otherwise why not. What makes a driver the machine's own, for the planner and for
    /// <see cref="PlanCheck"/> alike.
    /// </summary>
    internal static string? WhyNotDriverFor(ReleaseFacts facts, DeviceProfile device, HardwareMatcher matcher) =>
        !device.TakesDriversFrom(facts.Vendor) ? $"a driver from {facts.Vendor}, whose drivers this machine does not take"
        : matcher.Best(facts) is null ? "no matching hardware"
        : null;
}
