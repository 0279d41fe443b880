using System.Buffers;
using System.Formats.Tar;
using System.Security.Cryptography;

namespace UpdateServer.Packaging.Packages;

/// <summary>An archive entry that passed every check short of its data: safe path, allowed type, listed, matching type, target and size.</summary>
internal readonly record struct PackageArchiveEntry(PackageFileEntry Listed, TarEntry Tar)
{
    private const int CopyBufferSize = 81920;

    /// <summary>
    /// Reads the file data of this file entry, writing it to <paramref name="destination"/> when given,
    /// never more than the declared size, and checks its SHA-256.
    /// </summary>
    /// <exception cref="PackageContentMismatchException">The data hashes differently.</exception>
    /// <exception cref="PackageFormatException">The archive ends inside the data.</exception>
    public async Task CopyDataAsync(Stream? destination, CancellationToken cancellationToken)
    {
        var listed = Listed;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            var remaining = listed.Size;
            var data = Tar.DataStream;
            while (remaining > 0)
            {
                var read = data is null ? 0 : await PackageArchive.ReadArchiveAsync(data, buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    // The header promised at least the declared size (checked before), so the archive itself stops short.
                    throw new PackageFormatException(
                        PackageProblem.NotAnArchive, $"{PackagePath.Quote(listed.Path)}: the archive ends {remaining} bytes before the end of this entry", listed.Path);
                }

                hash.AppendData(buffer, 0, read);
                if (destination is not null)
                {
                    await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                remaining -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (!string.Equals(actual, listed.Sha256, StringComparison.Ordinal))
        {
            throw new PackageContentMismatchException(
                PackageProblem.HashMismatch, $"{PackagePath.Quote(listed.Path)}: SHA-256 {actual} differs from the declared {listed.Sha256}", listed.Path);
        }
    }
}
