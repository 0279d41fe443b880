using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using UpdateServer.Packaging.Packages;

namespace UpdateServer.Packaging.Tests.Packages;

/// <summary>Writes arbitrary (also malicious) archives straight with TarWriter and GZipStream, bypassing the builder's checks.</summary>
internal sealed class HandMadeArchive
{
    private readonly List<TarEntry> _entries = [];

    public HandMadeArchive Manifest(PackageManifest manifest) => File(PackageManifest.FileName, manifest.ToUtf8Bytes());

    public HandMadeArchive Manifest(string json) => File(PackageManifest.FileName, Encoding.UTF8.GetBytes(json));

    public HandMadeArchive File(string name, byte[] content) => Entry(TarEntryType.RegularFile, name, data: content);

    public HandMadeArchive File(PackageFileEntry entry, byte[] content) => File(entry.Path, content);

    public HandMadeArchive Symlink(string name, string target) => Entry(TarEntryType.SymbolicLink, name, linkName: target);

    public HandMadeArchive Entry(TarEntryType type, string name, string? linkName = null, byte[]? data = null)
    {
        var entry = new PaxTarEntry(type, name);
        if (linkName is not null)
        {
            entry.LinkName = linkName;
        }

        if (data is not null)
        {
            entry.DataStream = new MemoryStream(data);
        }

        _entries.Add(entry);
        return this;
    }

    public HandMadeArchive Add(TarEntry entry)
    {
        _entries.Add(entry);
        return this;
    }

    public byte[] ToTar()
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in _entries)
            {
                entry.DataStream?.Seek(0, SeekOrigin.Begin);
                writer.WriteEntry(entry);
            }
        }

        return tar.ToArray();
    }

    public byte[] ToGzip() => Gzip(ToTar());

    public static byte[] Gzip(byte[] content)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }
}
