using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace UpdateServer.Testing;

/// <summary>Writes .upkg-shaped archives by hand, including ones no honest builder would produce.</summary>
public static class HandCraftedArchive
{
    public static byte[] Create(params (string Name, byte[] Content)[] entries)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
            }
        }

        return output.ToArray();
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);
}
