using System.Security.Cryptography;
using UpdateServer.Packaging.Bundles;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;
using UpdateServer.Upkg.Cli;
using UpdateServer.Upkg.Publish;

namespace UpdateServer.Upkg.Bundle;

/// <summary>
/// Builds an offline bundle the way a machine would update: a TUF client refreshes from the given trusted root through a
/// recording transport, finds each release through the delegations (TUF 5.6.7) and downloads it verified (5.7). The
/// bundle then holds the root chain from version 1, the recorded metadata and the verified targets.
/// </summary>
public static class BundleRunner
{
    /// <exception cref="UpkgException">A release is not published, or its signed facts name another product or version.</exception>
    /// <exception cref="TufException">The source's metadata does not verify against the trusted root.</exception>
    public static async Task<BundleResult> RunAsync(BundleRequest request, HttpClient http, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!File.Exists(request.TrustedRoot))
        {
            throw new UpkgException($"the trusted root {request.TrustedRoot} does not exist.");
        }

        IRepositoryTransport source = request.Server is { } server
            ? HttpRepositoryTransport.ForServer(http, server)
            : new DirectoryRepositoryTransport(request.Repository!);
        var recorder = new MetadataRecorder(source);
        var work = Directory.CreateTempSubdirectory("upkg-bundle-");
        try
        {
            var store = new DirectoryMetadataStore(Path.Combine(work.FullName, "metadata"));
            var rootBytes = await File.ReadAllBytesAsync(request.TrustedRoot, cancellationToken).ConfigureAwait(false);
            store.Write(RoleNames.Root, rootBytes);
            await RecordEarlierRootsAsync(recorder, new TrustedMetadataSet(rootBytes, DateTimeOffset.MinValue).Root.Signed.Version, cancellationToken)
                .ConfigureAwait(false);

            var client = new TufClient(recorder, store, time);
            await client.RefreshAsync(cancellationToken).ConfigureAwait(false);
            var targets = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var paths = new List<string>();
            foreach (var (product, version) in request.Releases)
            {
                var vendor = product[..product.IndexOf('.', StringComparison.Ordinal)];
                var path = PublishCandidate.TargetPathOf(vendor, new ReleaseFacts { Product = product, Version = version, Kind = ProductKinds.Platform });
                var located = await client.LocateTargetAsync(path, cancellationToken).ConfigureAwait(false)
                    ?? throw new UpkgException($"{product} {version.ToFullString()} is not published ({path} is in no signed targets metadata).");
                var facts = ReleaseFacts.FromCustom(located.Target.Custom);
                if (facts.Product != product || facts.Version != version)
                {
                    throw new UpkgException($"{path} is signed as {facts.Product} {facts.Version.ToFullString()}, not {product} {version.ToFullString()}.");
                }

                var url = client.TargetUrl(path, located.Target);
                var file = Path.Combine(work.FullName, "targets", located.Target.Sha256);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                await client.DownloadTargetAsync(path, located.Target, file, progress: null, cancellationToken).ConfigureAwait(false);
                targets[url] = file;
                if (!paths.Contains(path, StringComparer.Ordinal))
                {
                    paths.Add(path);
                }
            }

            var metadata = recorder.Files.ToDictionary(StringComparer.Ordinal);
            await BundleWriter.WriteAsync(request.Output, new BundleIndex(BundleIndex.CurrentFormat, paths), metadata, targets, cancellationToken)
                .ConfigureAwait(false);
            // Streamed: a bundle of several large packages does not fit in memory (or in one array past 2 GiB).
            var written = new FileStream(request.Output, FileMode.Open, FileAccess.Read, FileShare.Read, 81920,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (written.ConfigureAwait(false))
            {
                var sha256 = await SHA256.HashDataAsync(written, cancellationToken).ConfigureAwait(false);
                return new BundleResult(Path.GetFullPath(request.Output), paths, [.. metadata.Keys.Order(StringComparer.Ordinal)], written.Length,
                    Convert.ToHexStringLower(sha256));
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Roots 1 to the trusted version, so a machine that trusts any earlier root can walk the chain (TUF 5.3.3); the
    /// client fetches the later ones itself. A root the source no longer has is left out.
    /// </summary>
    private static async Task RecordEarlierRootsAsync(MetadataRecorder recorder, long trustedVersion, CancellationToken cancellationToken)
    {
        for (var version = 1L; version <= trustedVersion; version++)
        {
            try
            {
                await recorder.FetchMetadataAsync($"{version}.root.json", new TufClientOptions().RootMaxLength, cancellationToken).ConfigureAwait(false);
            }
            catch (RepositoryFileNotFoundException)
            {
            }
        }
    }
}
