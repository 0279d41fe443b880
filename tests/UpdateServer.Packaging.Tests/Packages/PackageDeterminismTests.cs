using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using UpdateServer.Packaging.Packages;

namespace UpdateServer.Packaging.Tests.Packages;

public sealed class PackageDeterminismTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task SameContentGivesIdenticalBytesWhateverTimesModesAndCreationOrder()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var temp = new TempFolder();
        var first = PackageSamples.CreateSource(temp, "first");
        var second = PackageSamples.CreateSource(temp, "second", reverse: true, plainMode: PackageSamples.Mode600, executableMode: PackageSamples.Mode700);
        Touch(first, new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        Touch(second, new DateTime(2024, 12, 31, 23, 59, 59, DateTimeKind.Utc));

        var firstHash = SHA256.HashData(await BuildAsync(first));
        var secondHash = SHA256.HashData(await BuildAsync(second));

        Assert.Equal(Convert.ToHexString(firstHash), Convert.ToHexString(secondHash));
    }

    [Fact]
    public async Task HeadersCarryNoTimeOwnerOrHostDetail()
    {
        using var temp = new TempFolder();
        var tar = Gunzip(await BuildAsync(PackageSamples.CreateSource(temp)));

        using var reader = new TarReader(new MemoryStream(tar));
        var count = 0;
        while (reader.GetNextEntry() is PaxTarEntry entry)
        {
            count++;
            Assert.Equal(DateTimeOffset.UnixEpoch, entry.ModificationTime);
            Assert.Equal(0, entry.Uid);
            Assert.Equal(0, entry.Gid);
            Assert.Equal(string.Empty, entry.UserName);
            Assert.Equal(string.Empty, entry.GroupName);
            Assert.All(entry.ExtendedAttributes.Keys, key => Assert.Contains(key, new[] { "path", "mtime", "linkpath" }));
            Assert.Equal("0", entry.ExtendedAttributes["mtime"]);
        }

        Assert.Equal(1 + PackageSamples.Files.Count + PackageSamples.Links.Count, count);
    }

    [Fact]
    public async Task ExtendedHeaderNamesDoNotCarryTheProcessId()
    {
        using var temp = new TempFolder();
        var tar = Gunzip(await BuildAsync(PackageSamples.CreateSource(temp)));

        var extendedHeaderNames = RawHeaders(tar).Where(header => header.Type == 'x').Select(header => header.Name).ToList();

        Assert.NotEmpty(extendedHeaderNames);
        Assert.All(extendedHeaderNames, name => Assert.Equal("./PaxHeaders.0/.", name));
    }

    [Fact]
    public async Task UsesModesByEntryKind()
    {
        using var temp = new TempFolder();
        var tar = Gunzip(await BuildAsync(PackageSamples.CreateSource(temp)));

        var modes = new Dictionary<string, UnixFileMode>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry() is { } entry)
        {
            modes[entry.Name] = entry.Mode;
        }

        Assert.Equal(PackageSamples.Mode644, modes["manifest.json"]);
        Assert.Equal(PackageSamples.Mode755, modes["payload/bin/app"]);
        Assert.Equal(PackageSamples.Mode755, modes["hooks/health.sh"]);
        Assert.Equal(PackageSamples.Mode644, modes["payload/.config"]);
        Assert.Equal((UnixFileMode)0x1FF, modes["payload/lib/current"]);
    }

    [Fact]
    public async Task WritesManifestFirstThenEntriesInUtf8ByteOrder()
    {
        using var temp = new TempFolder();
        temp.WriteFile("source/upkg.json", """{ "product": "acme.order", "version": "1.0.0", "kind": "component" }""");
        // UTF-16 ordinal order puts the emoji (a surrogate pair, 0xD83D…) before U+FF21; UTF-8 byte order does not.
        foreach (var name in new[] { "b", "\U0001F600", "\uFF21", "A", "a/z", "a-b", "a" + "/0" })
        {
            temp.WriteFile($"source/payload/{name}", name);
        }

        temp.WriteFile("source/hooks/run.sh", "run");
        var tar = Gunzip(await BuildAsync(temp.Join("source")));

        var names = new List<string>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        Assert.Equal(
            ["manifest.json", "hooks/run.sh", "payload/A", "payload/a-b", "payload/a/0", "payload/a/z", "payload/b", "payload/\uFF21", "payload/\U0001F600"],
            names);
    }

    [Fact]
    public async Task ManifestBytesSurviveParseAndWriteUnchanged()
    {
        using var temp = new TempFolder();
        var package = new MemoryStream();
        var built = await PackageBuilder.WriteAsync(PackageSamples.CreateSource(temp), package, Token);

        var bytes = built.ToUtf8Bytes();
        var reparsed = PackageManifest.Parse(bytes);

        Assert.Equal(bytes, reparsed.ToUtf8Bytes());
        Assert.DoesNotContain((byte)'\r', bytes);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("{\n  \"formatVersion\": 1,\n  \"product\": \"acme.culture-platform\",\n  \"version\": \"2.0.0-rc.1+build.7\",\n  \"kind\": \"platform\",", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
    }

    private static async Task<byte[]> BuildAsync(string source)
    {
        var output = new MemoryStream();
        await PackageBuilder.WriteAsync(source, output, Token);
        return output.ToArray();
    }

    private static void Touch(string folder, DateTime time)
    {
        foreach (var info in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            if (info.LinkTarget is null)
            {
                info.LastWriteTimeUtc = time;
                info.LastAccessTimeUtc = time;
            }
        }
    }

    private static byte[] Gunzip(byte[] package)
    {
        using var gzip = new GZipStream(new MemoryStream(package), CompressionMode.Decompress);
        var tar = new MemoryStream();
        gzip.CopyTo(tar);
        return tar.ToArray();
    }

    /// <summary>Walks tar headers by hand, since TarReader hides the extended headers' own names.</summary>
    private static List<(string Name, char Type)> RawHeaders(byte[] tar)
    {
        var headers = new List<(string Name, char Type)>();
        var offset = 0;
        while (offset + 512 <= tar.Length && tar.AsSpan(offset, 512).ContainsAnyExcept((byte)0))
        {
            var header = tar.AsSpan(offset, 512);
            var name = Encoding.UTF8.GetString(header[..100]).TrimEnd('\0');
            var size = Convert.ToInt64(Encoding.ASCII.GetString(header.Slice(124, 12)).Trim('\0', ' '), 8);
            headers.Add((name, (char)header[156]));
            offset += 512 + (int)((size + 511) / 512 * 512);
        }

        return headers;
    }
}
