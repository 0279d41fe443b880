using Microsoft.Extensions.Logging;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Updater.Configuration;

namespace UpdateServer.Updater.Trust;

/// <summary>
/// Opens the server's TUF repository for one update: installs the shipped trusted root on first use, then
/// refreshes metadata through the full chain (root rotation, timestamp, snapshot, targets).
/// </summary>
public sealed class TrustedRepository(UpdaterSettings settings, HttpClient http, TimeProvider time, ILoggerFactory loggers)
{
    /// <exception cref="TufException">Refresh failed; what was trusted before stays trusted.</exception>
    /// <exception cref="FileNotFoundException">No trusted root is installed and the configured one is missing.</exception>
    public Task<TufClient> RefreshAsync(CancellationToken cancellationToken) =>
        RefreshFromAsync(settings.Mirrors
            .Select(m => (IRepositoryTransport)HttpRepositoryTransport.ForServer(http, m, settings.Transport))
            .ToList(), cancellationToken);

    /// <summary>
    /// Refreshes through <paramref name="mirrors"/> (an offline bundle's files) from the same trusted root and metadata as an
    /// online update, so the same checks decide (TUF 5.2–5.6) and what verifies becomes the trusted metadata.
    /// </summary>
    /// <exception cref="TufException">Refresh failed; what was trusted before stays trusted.</exception>
    /// <exception cref="FileNotFoundException">No trusted root is installed and the configured one is missing.</exception>
    public async Task<TufClient> RefreshFromAsync(IReadOnlyList<IRepositoryTransport> mirrors, CancellationToken cancellationToken)
    {
        var store = new DirectoryMetadataStore(settings.MetadataDirectory);
        if (store.Read(RoleNames.Root) is null)
        {
            if (!File.Exists(settings.TrustedRoot))
            {
                throw new FileNotFoundException($"The trusted root {settings.TrustedRoot} is missing; install the root.json your operator ships.");
            }

            store.Write(RoleNames.Root, File.ReadAllBytes(settings.TrustedRoot));
        }

        var client = new TufClient(mirrors, store, time, logger: loggers.CreateLogger<TufClient>());
        await client.RefreshAsync(cancellationToken);
        return client;
    }
}
