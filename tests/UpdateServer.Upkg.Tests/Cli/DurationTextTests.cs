using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Tests.Cli;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("90d", 90 * 24 * 3600)]
    [InlineData("365d", 365 * 24 * 3600)]
    [InlineData("12h", 12 * 3600)]
    [InlineData("30m", 30 * 60)]
    [InlineData("45s", 45)]
    [InlineData("2w", 14 * 24 * 3600)]
    public void ParsesAWholeNumberAndAUnit(string text, long seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("d")]
    [InlineData("90")]
    [InlineData("0d")]
    [InlineData("-1d")]
    [InlineData("+1d")]
    [InlineData("1.5d")]
    [InlineData("90D")]
    [InlineData("9 d")]
    [InlineData("90y")]
    [InlineData("99999999999d")]
    [InlineData("40000d")]
    public void RefusesAnythingElse(string text)
    {
        Assert.False(DurationText.TryParse(text, out _));
        Assert.Throws<FormatException>(() => DurationText.Parse(text));
    }
}
