using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Packages;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Storage;

namespace UpdateServer.Server.Publishing;

/// <summary>
/// Checks the packages of the new targets before anything is stored: each must be a well-formed, safe archive
/// whose manifest names the same product, version and kind as the signed facts of its target.
/// </summary>
public static class PackageInspection
{
    /// <exception cref="ProblemException">A package is missing, malformed, unsafe, or disagrees with its target's facts.</exception>
    public static async Task InspectAsync(PublishPlan plan, IBlobStore blobs, long maxUnpackedBytes, CancellationToken cancellationToken)
    {
        foreach (var target in plan.NewTargets)
        {
            PackageManifest manifest;
            if (target.Upload is { } upload)
            {
                // The manifest comes first in the archive: its declared sizes bound the work before any payload is read.
                await using (var head = File.OpenRead(upload.Path))
                {
                    var declared = await ReadAsync(target.Path, () => PackageReader.ReadManifestAsync(head, cancellationToken));
                    if (!WithinUnpackedLimit(declared, maxUnpackedBytes))
                    {
                        throw new ProblemException(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "Package too large unpacked",
                            $"{target.Path} declares more than the {maxUnpackedBytes} unpacked bytes allowed (Repository:MaxUnpackedBytes).");
                    }
                }

                await using var stream = File.OpenRead(upload.Path);
                manifest = await ReadAsync(target.Path, () => PackageReader.VerifyAsync(stream, cancellationToken));
            }
            else if (await blobs.OpenReadAsync(BlobKeys.ForTarget(target.File.Sha256), cancellationToken) is { } stored)
            {
                // The same bytes were published (and fully verified) before under another path.
                await using (stored)
                {
                    manifest = await ReadAsync(target.Path, () => PackageReader.ReadManifestAsync(stored, cancellationToken));
                }
            }
            else
            {
                throw new ProblemException(StatusCodes.Status422UnprocessableEntity, ProblemTypes.PackageMissing, "Package missing",
                    $"No uploaded package has the length ({target.File.Length}) and sha256 ({target.File.Sha256}) that {target.Path} lists.");
            }

            CheckAgreement(target.Path, target.Facts, manifest);
        }
    }

    private static bool WithinUnpackedLimit(PackageManifest manifest, long max)
    {
        long total = 0;
        foreach (var file in manifest.Files)
        {
            total += file.Size;
            if (total > max)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<PackageManifest> ReadAsync(string path, Func<Task<PackageManifest>> read)
    {
        try
        {
            return await read();
        }
        catch (PackageException e)
        {
            throw new ProblemException(StatusCodes.Status422UnprocessableEntity, ProblemTypes.PackageInvalid, "Invalid package",
                $"{path}: {e.Message}", new Dictionary<string, object?> { ["reason"] = e.Problem.ToString(), ["entry"] = e.EntryPath });
        }
    }

    private static void CheckAgreement(string path, ReleaseFacts facts, PackageManifest manifest)
    {
        if (ManifestAgreement.Differences(facts, manifest) is { Count: > 0 } differences)
        {
            throw new ProblemException(StatusCodes.Status422UnprocessableEntity, ProblemTypes.ReleaseFactsInvalid, "Facts disagree with the package",
                $"{path}: the signed facts and the package manifest differ: {string.Join("; ", differences)}.");
        }
    }
}
