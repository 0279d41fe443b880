using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using UpdateServer.Updater.Checking;
using UpdateServer.Updater.Configuration;
using UpdateServer.Updater.Trust;
using UpdateServer.Updater.Updating;

namespace UpdateServer.EndToEnd.Tests.Support;

/// <summary>The updater's engine in this process, talking to a real server through a <see cref="TamperingHandler"/>, on a clock the test sets.</summary>
public sealed class InProcessUpdater : IDisposable
{
    private readonly HttpClient _http;

    public InProcessUpdater(Uri server, byte[] trustedRoot, DateTimeOffset now, params string[] products)
        : this(server, trustedRoot, now, settings => settings, products)
    {
    }

    /// <param name="server">Where the updater sends check requests and, unless <paramref name="adjust"/> sets mirrors, fetches TUF files.</param>
    /// <param name="trustedRoot">The root the machine ships with.</param>
    /// <param name="now">The machine's clock.</param>
    /// <param name="adjust">Changes to the settings (mirrors, transport limits).</param>
    /// <param name="products">The products the machine manages.</param>
    public InProcessUpdater(Uri server, byte[] trustedRoot, DateTimeOffset now, Func<UpdaterSettings, UpdaterSettings> adjust, params string[] products)
    {
        Folder = Path.Combine(Path.GetTempPath(), "us-machine-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        var rootFile = Path.Combine(Folder, "root.json");
        File.WriteAllBytes(rootFile, trustedRoot);
        // One download attempt unless a test asks for more: retries wait on the machine's clock, which is fake here.
        Settings = adjust(new UpdaterSettings(server, Path.Combine(Folder, "data"), Path.Combine(Folder, "install"), rootFile, "stable",
            "machine-01", products, "linux", "x64") { DownloadAttempts = 1, RetryDelay = TimeSpan.Zero });
        Clock = new FakeTimeProvider(now);
        _http = new HttpClient(Network);
        Runner = new UpdateRunner(Settings, new TrustedRepository(Settings, _http, Clock, NullLoggerFactory.Instance),
            new UpdateServerApi(_http, server), Clock, NullLogger<UpdateRunner>.Instance);
    }

    public string Folder { get; }

    public UpdaterSettings Settings { get; }

    public FakeTimeProvider Clock { get; }

    public TamperingHandler Network { get; } = new();

    public UpdateRunner Runner { get; }

    public string InstallRoot => Settings.InstallRoot;

    /// <summary>The file names in the trusted metadata folder with their bytes.</summary>
    public Dictionary<string, byte[]> TrustedMetadata() =>
        Directory.Exists(Settings.MetadataDirectory)
            ? Directory.GetFiles(Settings.MetadataDirectory).ToDictionary(p => Path.GetFileName(p), File.ReadAllBytes)
            : [];

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
