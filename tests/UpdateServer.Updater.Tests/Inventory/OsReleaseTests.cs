using NuGet.Versioning;
using UpdateServer.Updater.Inventory;

namespace UpdateServer.Updater.Tests.Inventory;

public sealed class OsReleaseTests : IDisposable
{
    private const string Debian = """
        PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
        NAME="Debian GNU/Linux"
        VERSION_ID="12"
        ID=debian
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ParsesQuotedAndBareValuesAndIgnoresComments()
    {
        var release = OsRelease.Parse(
        [
            "PRETTY_NAME=\"Ubuntu 22.04.4 LTS\"",
            "ID=ubuntu",
            "#ID=commented-out",
            "",
            "garbage without equals",
            "=no-key",
            "VERSION_ID='22.04'",
            "# VERSION_ID=1",
            "ID_LIKE=debian",
        ]);

        Assert.Equal(new OsRelease("ubuntu", "22.04", "Ubuntu 22.04.4 LTS"), release);
    }

    [Fact]
    public void TakesTheLastValueOfARepeatedKey()
    {
        var release = OsRelease.Parse(["ID=first", "ID=second", "VERSION_ID=1"]);

        Assert.Equal("second", release.Id);
    }

    [Fact]
    public void KeepsEqualsSignsInsideAValue()
    {
        var release = OsRelease.Parse(["PRETTY_NAME=\"a=b\""]);

        Assert.Equal("a=b", release.PrettyName);
    }

    [Theory]
    [InlineData("debian", "12", "os.debian", "12.0.0")]
    [InlineData("ubuntu", "22.04", "os.ubuntu", "22.4.0")]
    [InlineData("rhel", "9.3", "os.rhel", "9.3.0")]
    [InlineData("opensuse-leap", "15.5", "os.opensuse-leap", "15.5.0")]
    public void BecomesAnOsComponent(string id, string versionId, string component, string version)
    {
        var parsed = new OsRelease(id, versionId, null).AsComponent;

        Assert.NotNull(parsed);
        Assert.Equal(component, parsed.Value.Id);
        Assert.Equal(NuGetVersion.Parse(version), parsed.Value.Version);
    }

    [Theory]
    [InlineData(null, "12")]
    [InlineData("", "12")]
    [InlineData("Debian", "12")]
    [InlineData("deb ian", "12")]
    [InlineData("debian.evil", "12")]
    [InlineData("../etc", "12")]
    [InlineData("débian", "12")]
    [InlineData("debian", null)]
    [InlineData("debian", "")]
    [InlineData("arch", "rolling")]
    public void IsNoComponentWithoutAUsableIdAndVersion(string? id, string? versionId)
    {
        Assert.Null(new OsRelease(id, versionId, null).AsComponent);
    }

    [Fact]
    public void RefusesAnIdLongerThan64Characters()
    {
        Assert.NotNull(new OsRelease(new string('a', 64), "1", null).AsComponent);
        Assert.Null(new OsRelease(new string('a', 65), "1", null).AsComponent);
    }

    [Fact]
    public void ReadsEtcOsReleaseUnderTheRoot()
    {
        _folder.File("etc/os-release", Debian);
        _folder.File("usr/lib/os-release", "ID=other\nVERSION_ID=1\n");

        var release = OsRelease.Read(_folder.Path);

        Assert.Equal(new OsRelease("debian", "12", "Debian GNU/Linux 12 (bookworm)"), release);
    }

    [Fact]
    public void FallsBackToUsrLibOsRelease()
    {
        _folder.File("usr/lib/os-release", Debian);

        Assert.Equal("debian", OsRelease.Read(_folder.Path).Id);
    }

    [Fact]
    public void FollowsEtcOsReleaseWhenItIsALinkAsOnDebian()
    {
        _folder.File("usr/lib/os-release", Debian);
        Directory.CreateDirectory(Path.Combine(_folder.Path, "etc"));
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "etc", "os-release"), "../usr/lib/os-release");

        Assert.Equal(("os.debian", NuGetVersion.Parse("12")), OsRelease.Read(_folder.Path).AsComponent);
    }

    [Fact]
    public void IsUnknownWhenNeitherFileExists()
    {
        var release = OsRelease.Read(_folder.Path);

        Assert.Same(OsRelease.Unknown, release);
        Assert.Null(release.AsComponent);
    }

    [Fact]
    public void IgnoresAnOversizedFile()
    {
        _folder.File("etc/os-release", "ID=huge\nVERSION_ID=1\n" + new string('#', 64 * 1024));

        Assert.Same(OsRelease.Unknown, OsRelease.Read(_folder.Path));
    }

    [Fact]
    public void FallsBackToUsrLibWhenEtcOsReleaseIsOversized()
    {
        _folder.File("etc/os-release", "ID=huge\nVERSION_ID=1\n" + new string('#', 64 * 1024));
        _folder.File("usr/lib/os-release", Debian);

        Assert.Equal("debian", OsRelease.Read(_folder.Path).Id);
    }

    [Fact]
    public void ReadsAFileOfExactly64KiB()
    {
        var content = "ID=debian\nVERSION_ID=12\n";
        _folder.File("etc/os-release", content + new string('#', (64 * 1024) - content.Length));

        Assert.Equal("debian", OsRelease.Read(_folder.Path).Id);
    }
}
