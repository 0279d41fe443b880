using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using UpdateServer.Server.Problems;

namespace UpdateServer.Server.Publishing;

/// <summary>
/// Reads a publish request (<c>multipart/form-data</c>: <c>metadata</c> parts, one per role, named by their file name
/// <c>ROLE.json</c> — the vendor role when unnamed — then <c>package</c> parts) as a stream: packages go straight to
/// spool files while being hashed, never into memory, each capped in size.
/// </summary>
public static class PublishUploadReader
{
    public const string MetadataPart = "metadata";
    public const string PackagePart = "package";
    private const int MaxPackages = 64;
    private const int MaxBoundaryLength = 200;

    /// <exception cref="ProblemException">The request is not a well-formed publish upload, or a part is too large.</exception>
    public static async Task<PublishUpload> ReadAsync(HttpRequest request, string vendor, string spoolDirectory, long maxMetadataBytes,
        long maxPackageBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= MaxBoundaryLength } boundary)
        {
            throw Invalid("A publish request must be multipart/form-data with a boundary.");
        }

        Directory.CreateDirectory(spoolDirectory);
        var metadata = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        long metadataBytes = 0;
        var packages = new List<SpooledPackage>();
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await ReadSectionAsync(reader, cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    throw Invalid("Every part needs a Content-Disposition header.");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                switch (name)
                {
                    case MetadataPart:
                        var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                        var role = fileName is null ? vendor : VendorRoleNames.FromFileName(fileName)
                            ?? throw Invalid($"Metadata part \"{fileName}\" must be named ROLE.json.");
                        if (metadata.Count > VendorRoleNames.MaxSubRoles || metadata.ContainsKey(role))
                        {
                            throw Invalid($"Metadata for \"{role}\" is sent twice, or too many metadata parts are sent.");
                        }

                        metadata[role] = await ReadCappedAsync(section.Body, maxMetadataBytes - metadataBytes, cancellationToken);
                        metadataBytes += metadata[role].Length;
                        break;
                    case PackagePart when packages.Count >= MaxPackages:
                        throw Invalid($"At most {MaxPackages} packages can be published at once.");
                    case PackagePart:
                        var packageName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "package.upkg";
                        packages.Add(await SpoolAsync(section.Body, packageName, spoolDirectory, maxPackageBytes, cancellationToken));
                        break;
                    default:
                        throw Invalid($"Unexpected part \"{name}\"; expected \"{MetadataPart}\" and \"{PackagePart}\" parts.");
                }
            }
        }
        catch
        {
            packages.ForEach(p => File.Delete(p.Path));
            throw;
        }

        return new PublishUpload
        {
            Metadata = metadata.Count > 0 ? metadata : throw Invalid($"The \"{MetadataPart}\" part with the vendor's signed metadata is missing."),
            Packages = packages,
        };
    }

    private static async Task<MultipartSection?> ReadSectionAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (IOException e) when (e is not BadHttpRequestException)
        {
            // A body that ends before the closing boundary: a truncated upload.
            throw Invalid($"The upload ended early or is not valid multipart: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            throw Invalid($"The multipart body is malformed: {e.Message}");
        }
    }

    private static async Task<byte[]> ReadCappedAsync(Stream body, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await ReadChunkAsync(body, chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw TooLarge("The metadata parts together are larger than Repository:MaxMetadataBytes allows.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task<SpooledPackage> SpoolAsync(Stream body, string fileName, string spoolDirectory, long max, CancellationToken cancellationToken)
    {
        var path = Path.Combine(spoolDirectory, $"{Guid.NewGuid():N}.upkg");
        try
        {
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            await using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var chunk = new byte[1 << 16];
                int read;
                while ((read = await ReadChunkAsync(body, chunk, cancellationToken)) > 0)
                {
                    length += read;
                    if (length > max)
                    {
                        throw TooLarge($"Package \"{fileName}\" is larger than the {max} bytes allowed (Repository:MaxPackageBytes).");
                    }

                    sha256.AppendData(chunk, 0, read);
                    await output.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
                }
            }

            return new SpooledPackage(fileName, path, length, Convert.ToHexStringLower(sha256.GetHashAndReset()));
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    private static async Task<int> ReadChunkAsync(Stream body, byte[] chunk, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAsync(chunk, cancellationToken);
        }
        catch (IOException e) when (e is not BadHttpRequestException)
        {
            throw Invalid($"The upload ended early or is not valid multipart: {e.Message}");
        }
    }

    private static ProblemException Invalid(string detail) =>
        new(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest, "Invalid publish request", detail);

    private static ProblemException TooLarge(string detail) =>
        new(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "Payload too large", detail);
}
