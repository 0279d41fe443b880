using UpdateServer.Updater.Installing;

namespace UpdateServer.Updater.Tests.Installing;

public sealed class CurrentLinkTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ReadsNothingBeforeTheFirstSwitch() => Assert.Null(CurrentLink.Read(_folder.Path));

    [Fact]
    public void SwitchesToANewVersionAndLeavesNoTemporaryLinks()
    {
        _folder.File("versions/1.0.0/app.txt", "one");
        _folder.File("versions/2.0.0/app.txt", "two");

        CurrentLink.Switch(_folder.Path, "1.0.0");
        CurrentLink.Switch(_folder.Path, "2.0.0");

        Assert.Equal("2.0.0", CurrentLink.Read(_folder.Path));
        Assert.Equal("two", File.ReadAllText(Path.Combine(_folder.Path, "current", "app.txt")));
        Assert.Equal(["current", "versions"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void PointsWithARelativeLinkSoTheInstallRootCanMove()
    {
        _folder.File("versions/1.0.0/app.txt", "one");

        CurrentLink.Switch(_folder.Path, "1.0.0");

        Assert.Equal(Path.Combine("versions", "1.0.0"), new FileInfo(Path.Combine(_folder.Path, "current")).LinkTarget);
    }
}
