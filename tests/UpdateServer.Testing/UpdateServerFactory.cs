using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using UpdateServer.Testing.Backends;

namespace UpdateServer.Testing;

/// <summary>
/// The real server on real Kestrel (a loopback port) on a backend of its own (<see cref="TestBackend"/>: SQLite and the
/// filesystem blob store in a temp folder, or PostgreSQL, Azurite and Redis), a fresh repository, and a fake clock tests can move.
/// </summary>
public sealed class UpdateServerFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> _settings;
    private bool _ownsRepository = true;

    /// <param name="settings">Configuration overrides, e.g. <c>Repository:MaxPackageBytes</c>.</param>
    public UpdateServerFactory(IReadOnlyDictionary<string, string>? settings = null)
        : this(settings ?? new Dictionary<string, string>(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)), null, null)
    {
    }

    private UpdateServerFactory(IReadOnlyDictionary<string, string> settings, FakeTimeProvider clock, TestRepository? repository, TestBackend? backend)
    {
        _settings = settings;
        Clock = clock;
        Repository = repository ?? new TestRepository(Clock.GetUtcNow());
        DataDirectory = Path.Combine(Repository.Directory, "data");
        Backend = backend ?? TestBackend.Create(DataDirectory);
        UseKestrel(0);
    }

    public FakeTimeProvider Clock { get; }

    public TestRepository Repository { get; }

    public string DataDirectory { get; }

    /// <summary>What the server logged (Warning and above).</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>The database, blob store and cache this server runs on.</summary>
    public TestBackend Backend { get; }

    /// <summary>Starts the server (once) and returns its base address.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    /// <summary>
    /// Stops this server and returns a new one over the same backend, repository folder and clock, as a restart of the
    /// process would be (on another port; it starts on first use). The new one owns the repository and backend now.
    /// </summary>
    public async Task<UpdateServerFactory> RestartAsync()
    {
        _ownsRepository = false;
        await DisposeAsync();
        return new UpdateServerFactory(_settings, Clock, Repository, Backend);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Repository:Directory", Repository.ServerDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in Backend.Settings)
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsRepository)
        {
            await Backend.DisposeAsync();
            Repository.Dispose();
        }
    }
}
