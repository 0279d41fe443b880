using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Updater.Configuration;

namespace UpdateServer.Updater.Tests.Configuration;

public sealed class UpdaterConfigLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ResolvesRelativePathsAgainstTheConfigFolderAndAppliesDefaults()
    {
        var file = _folder.File("conf/updater.json", """
            { "serverUrl": "http://127.0.0.1:5080", "dataDirectory": "data", "installRoot": "/opt/acme",
              "trustedRoot": "root.json", "products": ["acme.culture-platform"] }
            """);

        var settings = UpdaterConfigLoader.Load(file);

        Assert.Equal(Path.Combine(_folder.Path, "conf", "data"), settings.DataDirectory);
        Assert.Equal("/opt/acme", settings.InstallRoot);
        Assert.Equal("stable", settings.Channel);
        var mirror = Assert.Single(settings.Mirrors);
        Assert.Equal(new Uri("http://127.0.0.1:5080/tuf/metadata/"), new Uri(mirror, HttpRepositoryTransport.ServerMetadataPath));
        Assert.Equal(new Uri("http://127.0.0.1:5080/tuf/targets/"), new Uri(mirror, HttpRepositoryTransport.ServerTargetsPath));
    }

    [Theory]
    [InlineData("""{ "dataDirectory": "d", "installRoot": "i", "trustedRoot": "r", "products": ["acme.a"] }""", "serverUrl")]
    [InlineData("""{ "serverUrl": "ftp://x", "dataDirectory": "d", "installRoot": "i", "trustedRoot": "r", "products": ["acme.a"] }""", "serverUrl")]
    [InlineData("""{ "serverUrl": "http://x", "installRoot": "i", "trustedRoot": "r", "products": ["acme.a"] }""", "dataDirectory")]
    [InlineData("""{ "serverUrl": "http://x", "dataDirectory": "d", "trustedRoot": "r", "products": ["acme.a"] }""", "installRoot")]
    [InlineData("""{ "serverUrl": "http://x", "dataDirectory": "d", "installRoot": "i", "products": ["acme.a"] }""", "trustedRoot")]
    [InlineData("""{ "serverUrl": "http://x", "dataDirectory": "d", "installRoot": "i", "trustedRoot": "r", "products": [] }""", "products")]
    [InlineData("""{ "serverUrl": "http://x", "dataDirectory": "d", "installRoot": "i", "trustedRoot": "r", "products": ["Acme"] }""", "products")]
    [InlineData("""{ "serverUrl": "http://x", "dataDirectory": "d", "installRoot": "i", "trustedRoot": "r", "products": ["acme.a"], "channel": "Beta" }""", "channel")]
    [InlineData("""{ "serverUrl": "http://x", "dataDirectory": "d", "installRoot": "i", "trustedRoot": "r", "products": ["acme.a"], "sever": 1 }""", "sever")]
    [InlineData("""{ "serverUrl": "http://x", "dataDirectory": "d", "installRoot": "i", "trustedRoot": "r", "products": ["acme.a"], "mirrors": ["/relative"] }""", "mirrors")]
    [InlineData("""{ "serverUrl": """, "not valid configuration JSON")]
    public void RefusesInvalidConfigurationNamingTheKey(string json, string key)
    {
        var file = _folder.File("updater.json", json);

        var error = Assert.Throws<ConfigurationException>(() => UpdaterConfigLoader.Load(file));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListsMirrorsInTheConfiguredOrder()
    {
        var file = _folder.File("updater.json", """
            { "serverUrl": "http://origin", "mirrors": ["http://cdn-a/updates", "http://cdn-b/"], "dataDirectory": "d",
              "installRoot": "i", "trustedRoot": "r", "products": ["acme.a"] }
            """);

        var settings = UpdaterConfigLoader.Load(file);

        Assert.Equal([new Uri("http://cdn-a/updates/"), new Uri("http://cdn-b/")], settings.Mirrors);
    }

    [Fact]
    public void RefusesAMissingFile()
    {
        var error = Assert.Throws<ConfigurationException>(() => UpdaterConfigLoader.Load(Path.Combine(_folder.Path, "none.json")));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
