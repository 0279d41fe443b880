using UpdateServer.Packaging.Catalog;

namespace UpdateServer.Packaging.Tests.Catalog;

public sealed class HardwareIdPatternTests
{
    [Theory]
    [InlineData("", "1 to 128 characters")]
    [InlineData("pci:*", "a PCI pattern names vendor and device")]
    [InlineData("pci:v00008086*", "a PCI pattern names vendor and device")]
    [InlineData("pci:v00008086d0000153?*", "a PCI pattern names vendor and device")]
    [InlineData("usb:v046D*", "a USB pattern names vendor and product")]
    [InlineData("acpi:PNP0*", "at least 12 characters before any wildcard")]
    [InlineData("pci:v00008086d00001533sv*sd*bc*sc*i*?*?*?*", "at most 8 wildcards")]
    [InlineData("PCI\\VEN_8086&DEV_*", "neither a modalias pattern")]
    [InlineData("PCI\\VEN_80", "neither a modalias pattern")]
    [InlineData("pci v8086", "neither a modalias pattern")]
    public void RefusesAPatternTooBroadOrMalformedSayingWhy(string text, string reason)
    {
        Assert.False(HardwareIdPattern.TryParse(text, out var pattern));
        Assert.Null(pattern);
        Assert.Contains(reason, HardwareIdPattern.WhyInvalid(text), StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAPatternLongerThanTheLimit()
    {
        var text = "pci:v00008086d00001533" + new string('A', HardwareIdPattern.MaxLength - 21);

        Assert.False(HardwareIdPattern.TryParse(text, out _));
        Assert.True(HardwareIdPattern.TryParse(text[..^1], out _));
    }

    [Theory]
    [InlineData("pci:v00008086d00001533sv*sd*bc*sc*i*", "pci:v00008086d00001533sv00008086sd00000001bc02sc00i00", true)]
    [InlineData("pci:v00008086d00001533*", "pci:v00008086d00001534sv00008086sd00000001bc02sc00i00", false)]
    [InlineData("usb:v046Dp0825d????dc*", "usb:v046Dp0825d0012dcEFdsc02", true)]
    [InlineData("usb:v046Dp0825d????dc*", "usb:v046Dp0825d012dcEF", false)]
    [InlineData("usb:v046Dp0825*", "usb:v046dp0825d0012", false)] // modaliases are case-sensitive
    [InlineData("PCI\\VEN_8086&DEV_1533", "pci\\ven_8086&dev_1533", true)] // Windows IDs are not
    [InlineData("PCI\\VEN_8086&DEV_1533", "PCI\\VEN_8086&DEV_1533&SUBSYS_00018086", false)]
    [InlineData("pci:v00008086d00001533*", "PCI\\VEN_8086&DEV_1533", false)]
    public void MatchesAsTheOperatingSystemDoes(string text, string reported, bool matches)
    {
        Assert.True(HardwareIdPattern.TryParse(text, out var pattern));

        Assert.Equal(matches, pattern!.Matches(reported));
    }

    [Theory]
    [InlineData("pci:v00008086d00001533sv*sd*", "pci:v00008086d00001533sv")]
    [InlineData("PCI\\VEN_8086&dev_1533", "PCI\\VEN_8086&DEV_1533")]
    public void KeysItsLiteralStartAsReportedIdsAreKeyed(string text, string literal)
    {
        Assert.True(HardwareIdPattern.TryParse(text, out var pattern));

        Assert.Equal(literal, pattern!.Literal);
        Assert.StartsWith(pattern.Literal, HardwareIdPattern.KeyOf(text.Replace("*", "0", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
