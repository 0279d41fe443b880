using UpdateServer.Packaging.Bulletins;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Bulletin;

/// <summary>Reading and writing bulletin files for the <c>upkg bulletin</c> commands: strict, capped, never overwriting other bytes.</summary>
public static class BulletinFiles
{
    /// <exception cref="UpkgException">The file is missing, too large or not a valid bulletin.</exception>
    public static (Packaging.Bulletins.Bulletin Document, byte[] Bytes) Read(string file)
    {
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            throw new UpkgException($"{file}: bulletin not found.");
        }

        if (info.Length > BulletinJson.MaxDocumentBytes)
        {
            throw new UpkgException($"{file}: larger than the {BulletinJson.MaxDocumentBytes} bytes a bulletin may have.");
        }

        var bytes = File.ReadAllBytes(file);
        try
        {
            return (BulletinJson.Read(bytes), bytes);
        }
        catch (BulletinFormatException e)
        {
            throw new UpkgException($"{file}: {e.Message}", e);
        }
    }

    /// <summary>Writes <paramref name="bulletin"/>; an existing file is left alone when it holds the same bytes, refused otherwise.</summary>
    /// <exception cref="UpkgException">The bulletin is invalid, or the file exists with other contents.</exception>
    public static byte[] Write(string file, Packaging.Bulletins.Bulletin bulletin)
    {
        byte[] bytes;
        try
        {
            bytes = BulletinJson.Write(bulletin);
        }
        catch (BulletinFormatException e)
        {
            throw new UpkgException($"the bulletin is not valid: {e.Message}", e);
        }

        if (File.Exists(file))
        {
            return File.ReadAllBytes(file).AsSpan().SequenceEqual(bytes) ? bytes
                : throw new UpkgException($"{file} exists with other contents; a signed bulletin revision never changes (make the next revision instead).");
        }

        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllBytes(file, bytes);
        return bytes;
    }
}
