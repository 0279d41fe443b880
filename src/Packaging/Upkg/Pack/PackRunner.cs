using System.Security.Cryptography;
using UpdateServer.Packaging;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Packages;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Pack;

/// <summary>
/// Builds a deterministic <c>.upkg</c> (see <see cref="PackageBuilder"/>): written to a temporary sibling first and
/// moved into place only when complete, so a failed or cancelled run never leaves a half package under the real name.
/// </summary>
public static class PackRunner
{
    /// <exception cref="UpkgException">The source folder is missing or malformed, or the package cannot be written.</exception>
    public static async Task<PackResult> RunAsync(PackOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var source = Path.GetFullPath(options.SourceFolder);
        var output = Path.GetFullPath(options.OutputFile);
        if (IsInside(output, Path.Combine(source, "payload")) || IsInside(output, Path.Combine(source, "hooks")))
        {
            throw new UpkgException($"{options.OutputFile}: the package cannot be written inside the folder it packs.");
        }

        var temporary = $"{output}.partial-{Guid.NewGuid():N}";
        var moved = false;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            PackageManifest manifest;
            var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
            });
            byte[] sha256;
            long size;
            await using (stream)
            {
                manifest = await PackageBuilder.WriteAsync(source, stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
                size = stream.Length;
                stream.Position = 0;
                sha256 = await SHA256.HashDataAsync(stream, cancellationToken);
            }

            // The applicability becomes signed release facts at publish; a package whose facts could never be
            // published (an invalid range or hardware ID) is refused now, and no output is left behind.
            _ = ReleaseFacts.FromManifest(manifest);
            DurableFile.MoveAtomically(temporary, output);
            moved = true;
            return new PackResult(options.OutputFile, manifest.Product, manifest.Version.ToFullString(), PackageKindNames.ToJson(manifest.Kind),
                manifest.Files.Count, size, Convert.ToHexStringLower(sha256));
        }
        catch (FileNotFoundException e)
        {
            throw new UpkgException($"{options.SourceFolder}: {e.Message}", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new UpkgException(e.Message, e);
        }
        catch (ReleaseFactsException e)
        {
            throw new UpkgException($"{options.SourceFolder}: {e.Message}", e);
        }
        catch (PackageException e)
        {
            throw new UpkgException($"{options.SourceFolder}: {e.Message}", e);
        }
        finally
        {
            if (!moved)
            {
                File.Delete(temporary);
            }
        }
    }

    private static bool IsInside(string path, string folder) =>
        path.StartsWith(folder + Path.DirectorySeparatorChar, OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
}
