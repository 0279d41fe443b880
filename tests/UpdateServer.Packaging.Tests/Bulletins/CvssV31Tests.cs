using UpdateServer.Packaging.Bulletins;

namespace UpdateServer.Packaging.Tests.Bulletins;

public sealed class CvssV31Tests
{
    // Scores by the CVSS v3.1 specification's formulas (section 7.1), checked by hand; the CSAF validator (6.1.9) checks them again.
    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "9.8", "critical")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "10.0", "critical")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", "8.8", "high")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "6.1", "medium")]
    [InlineData("CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", "1.8", "low")]
    [InlineData("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:C/C:L/I:L/A:L", "4.3", "medium")]
    [InlineData("CVSS:3.1/AV:A/AC:L/PR:L/UI:N/S:C/C:H/I:N/A:N", "6.8", "medium")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", "0.0", "none")]
    public void ComputesTheBaseScoreAndRatingFromTheVector(string vector, string score, string severity)
    {
        var cvss = CvssV31.Parse(vector);

        Assert.Equal(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture), cvss.BaseScore);
        Assert.Equal(severity, cvss.Severity);
    }

    [Theory]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("CVSS:3.1/AC:L/AV:N/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H")]
    [InlineData("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:F")]
    [InlineData("")]
    public void RefusesAnythingButABaseVectorInOrder(string vector) =>
        Assert.Throws<BulletinFormatException>(() => CvssV31.Parse(vector));
}
