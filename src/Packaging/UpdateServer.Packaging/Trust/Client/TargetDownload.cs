using System.Security.Cryptography;

namespace UpdateServer.Packaging.Trust.Client;

/// <summary>
/// One attempt to fetch a target from one mirror (5.7.3): never more than the trusted length, hashed while
/// streaming into a <c>.partial</c> file that is moved into place only when length and every hash match.
/// A transfer that breaks off (<see cref="DownloadFailedException"/>) keeps its <c>.partial</c> file; the next attempt
/// hashes that prefix again from disk (never trusting it) and asks only for the rest, from its length on. Bytes that
/// fail the checks — too many, a wrong hash — delete the partial file, so a bad prefix is never resumed.
/// </summary>
internal static class TargetDownload
{
    private const int BufferSize = 1 << 16;

    public static async Task RunAsync(IRepositoryTransport mirror, string url, string targetPath, TargetFile target,
        string destinationPath, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var partial = destinationPath + ".partial";
        var hashers = FileHashes.CreateHashers(target.Hashes);
        var keepPartial = false;
        try
        {
            await using (var output = new FileStream(partial, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, BufferSize, useAsync: true))
            {
                var total = await HashPrefixAsync(output, target.Length, hashers, cancellationToken).ConfigureAwait(false);
                if (total < target.Length)
                {
                    progress?.Report(total);
                    var resumedFrom = total;
                    try
                    {
                        total = await FetchRestAsync(mirror, url, targetPath, target, output, total, hashers, progress, cancellationToken).ConfigureAwait(false);
                    }
                    catch (DownloadFailedException)
                    {
                        // A cut or a stall: what arrived stays for the next attempt, which re-hashes it and resumes after it.
                        // A resumed request that brought nothing (a server refusing ranges, say) starts from zero next time.
                        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                        keepPartial = output.Length > resumedFrom || resumedFrom == 0;
                        throw;
                    }
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
            if (!keepPartial)
            {
                File.Delete(partial);
            }

            foreach (var hasher in hashers.Values)
            {
                hasher.Dispose();
            }
        }
    }

    /// <summary>Feeds the bytes a previous attempt left to the hashers and returns how many there are (0 when they exceed the length).</summary>
    private static async Task<long> HashPrefixAsync(FileStream output, long length, Dictionary<string, IncrementalHash> hashers,
        CancellationToken cancellationToken)
    {
        if (output.Length > length)
        {
            output.SetLength(0);
            return 0;
        }

        await FileHashes.AppendAsync(output, hashers, cancellationToken).ConfigureAwait(false);
        return output.Length;
    }

    private static async Task<long> FetchRestAsync(IRepositoryTransport mirror, string url, string targetPath, TargetFile target, FileStream output,
        long total, Dictionary<string, IncrementalHash> hashers, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var input = await mirror.OpenTargetAsync(url, total, cancellationToken).ConfigureAwait(false);
        var buffer = new byte[BufferSize];
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

        return total;
    }
}
