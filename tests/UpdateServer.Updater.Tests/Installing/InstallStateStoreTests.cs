using UpdateServer.Updater.Installing;

namespace UpdateServer.Updater.Tests.Installing;

public sealed class InstallStateStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void StartsEmpty() => Assert.Empty(new InstallStateStore(Path.Combine(_folder.Path, "state.json")).Load().Products);

    [Fact]
    public void RoundTripsInstalledReleases()
    {
        var store = new InstallStateStore(Path.Combine(_folder.Path, "state.json"));
        var release = new InstalledRelease("acme.a", "2.0.0", "platform", "acme/acme.a-2.0.0.upkg", new string('a', 64),
            new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero), "1.0.0");

        store.Save(InstallState.Empty.With(release));

        Assert.Equal(release, store.Load().Find("acme.a"));
    }

    [Fact]
    public void ReportsACorruptStateFileInsteadOfForgettingWhatIsInstalled()
    {
        var path = _folder.File("state.json", "{ not json");

        Assert.Throws<InvalidDataException>(() => new InstallStateStore(path).Load());
    }
}
