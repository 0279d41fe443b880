namespace UpdateServer.Packaging.Trust.Client;

/// <summary>
/// One attempt to fetch a target from one mirror (5.7.3): never more than the trusted length, hashed while
/// streaming into a <c>.partial</c> file that is moved into place only when length and every hash match.
/// </summary>
internal static class TargetDownload
{
    public static async Task RunAsync(IRepositoryTransport mirror, string url, string targetPath, TargetFile target,
        string destinationPath, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var partial = destinationPath + ".partial";
        var hashers = FileHashes.CreateHashers(target.Hashes);
        try
        {
            await using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await using var input = await mirror.OpenTargetAsync(url, 0, cancellationToken).ConfigureAwait(false);
                var buffer = new byte[1 << 16];
                long total = 0;
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > target.Length)
                    {
                        // 5.7.3: download up to the number of bytes the targets metadata specifies.
                        throw new DownloadLengthExceededException(targetPath, target.Length);
                    }

                    foreach (var hasher in hashers.Values)
                    {
                        hasher.AppendData(buffer, 0, read);
                    }

                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    progress?.Report(total);
                }

                if (total != target.Length)
                {
                    throw new LengthOrHashMismatchException($"{targetPath}: received {total} bytes, expected {target.Length}.", AttackKind.ArbitraryInstallation);
                }

                // 5.7.3: verify that its hashes match the targets metadata.
                FileHashes.VerifyDigests(targetPath, target.Hashes, hashers, AttackKind.ArbitraryInstallation);
                output.Flush(flushToDisk: true);
            }

            DurableFile.MoveAtomically(partial, destinationPath);
        }
        finally
        {
            File.Delete(partial);
            foreach (var hasher in hashers.Values)
            {
                hasher.Dispose();
            }
        }
    }
}
