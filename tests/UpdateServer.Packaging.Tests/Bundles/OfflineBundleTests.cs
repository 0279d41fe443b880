using System.Formats.Tar;
using System.Text;
using UpdateServer.Packaging.Bundles;
using UpdateServer.Packaging.Trust.Client;

namespace UpdateServer.Packaging.Tests.Bundles;

/// <summary>A bundle is hostile until verified: the reader accepts only regular files with bundle names, within its caps.</summary>
public sealed class OfflineBundleTests : IDisposable
{
    private static readonly byte[] Index = new BundleIndex(BundleIndex.CurrentFormat, ["acme/acme.tool-1.0.0.upkg"]).ToBytes();

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("bundle-tests-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> HostileEntries => new()
    {
        { "../escape", "regular" },
        { "/etc/passwd", "regular" },
        { "metadata/../../escape", "regular" },
        { "targets/acme/../../../escape", "regular" },
        { "targets/acme/link", "symlink" },
        { "targets/acme/fifo", "fifo" },
        { "metadata/timestamp.json", "duplicate" },
        { "somewhere/else.json", "regular" },
        { "metadata/a b.json", "regular" },
    };

    [Theory]
    [MemberData(nameof(HostileEntries))]
    public async Task RefusesHostileEntriesAndLeavesNothingBehind(string name, string kind)
    {
        var bundle = Write(tar =>
        {
            Add(tar, BundleLayout.IndexName, Index);
            Add(tar, "metadata/timestamp.json", "{}"u8.ToArray());
            switch (kind)
            {
                case "symlink":
                    tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = "/etc/passwd" });
                    break;
                case "fifo":
                    tar.WriteEntry(new PaxTarEntry(TarEntryType.Fifo, name));
                    break;
                default:
                    Add(tar, name, "x"u8.ToArray());
                    break;
            }
        });
        var work = Path.Combine(_folder.FullName, "work");

        await Assert.ThrowsAsync<BundleFormatException>(() => OfflineBundle.OpenAsync(bundle, work, new BundleLimits(), Ct));

        Assert.Empty(Directory.EnumerateFileSystemEntries(work));
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "escape")));
    }

    public static TheoryData<int, BundleLimits> Caps => new()
    {
        { 4, new BundleLimits { MaxEntries = 3 } },
        { 1, new BundleLimits { MaxMetadataBytes = 8 } },
        { 1, new BundleLimits { MaxTargetBytes = 8 } },
        { 2, new BundleLimits { MaxTotalBytes = 100 } },
    };

    [Theory]
    [MemberData(nameof(Caps))]
    public async Task RefusesBundlesBeyondItsCaps(int files, BundleLimits limits)
    {
        var bundle = Write(tar =>
        {
            Add(tar, BundleLayout.IndexName, Index);
            for (var i = 0; i < files; i++)
            {
                Add(tar, $"metadata/{i}.acme.json", new byte[64]);
                Add(tar, $"targets/acme/{i}.upkg", new byte[64]);
            }
        });

        await Assert.ThrowsAsync<BundleFormatException>(() => OfflineBundle.OpenAsync(bundle, _folder.FullName, limits, Ct));
    }

    [Theory]
    [InlineData("{\"format\":1,\"targets\":[\"acme/acme.tool-1.0.0.upkg\"]}", true)]
    [InlineData("{\"format\":1, \"targets\":[\"acme/acme.tool-1.0.0.upkg\"]}", false)]
    [InlineData("{\"targets\":[\"acme/acme.tool-1.0.0.upkg\"],\"format\":1}", false)]
    [InlineData("{\"format\":2,\"targets\":[\"acme/acme.tool-1.0.0.upkg\"]}", false)]
    [InlineData("{\"format\":1,\"targets\":[]}", false)]
    [InlineData("not json", false)]
    public void ReadsOnlyTheIndexSpelledAsWritten(string json, bool accepted)
    {
        var read = () => BundleIndex.Read(Encoding.UTF8.GetBytes(json), new BundleLimits());

        if (accepted)
        {
            Assert.Equal(["acme/acme.tool-1.0.0.upkg"], read().Targets);
        }
        else
        {
            Assert.Throws<BundleFormatException>(read);
        }
    }

    [Fact]
    public async Task WritesTheSameBytesTwiceAndServesThemAsARepository()
    {
        var target = Path.Combine(_folder.FullName, "package.upkg");
        await File.WriteAllBytesAsync(target, [.. Enumerable.Range(0, 5000).Select(i => (byte)i)], Ct);
        var metadata = new Dictionary<string, byte[]> { ["timestamp.json"] = "{\"t\":1}"u8.ToArray(), ["2.acme.json"] = "{\"a\":2}"u8.ToArray() };
        // A version with build metadata reaches the transport escaped (TufClient.TargetUrl), and is stored so.
        var targets = new Dictionary<string, string> { ["acme/0123.acme.tool-1.0.0.upkg"] = target, ["acme/4567.acme.tool-1.0.1%2Bb.1.upkg"] = target };
        var first = Path.Combine(_folder.FullName, "first.bundle");
        var second = Path.Combine(_folder.FullName, "second.bundle");

        await BundleWriter.WriteAsync(first, new BundleIndex(BundleIndex.CurrentFormat, ["acme/acme.tool-1.0.0.upkg"]), metadata, targets, Ct);
        await BundleWriter.WriteAsync(second, new BundleIndex(BundleIndex.CurrentFormat, ["acme/acme.tool-1.0.0.upkg"]), metadata, targets, Ct);
        using var opened = await OfflineBundle.OpenAsync(first, Path.Combine(_folder.FullName, "work"), new BundleLimits(), Ct);

        Assert.Equal(await File.ReadAllBytesAsync(first, Ct), await File.ReadAllBytesAsync(second, Ct));
        Assert.Equal(metadata["2.acme.json"], await opened.Transport.FetchMetadataAsync("2.acme.json", 100, Ct));
        await Assert.ThrowsAsync<DownloadLengthExceededException>(() => opened.Transport.FetchMetadataAsync("timestamp.json", 3, Ct));
        await Assert.ThrowsAsync<RepositoryFileNotFoundException>(() => opened.Transport.FetchMetadataAsync("3.root.json", 100, Ct));
        await Assert.ThrowsAsync<DownloadFailedException>(() => opened.Transport.OpenTargetAsync("..%2F..%2Fescape", 0, Ct));
        await using var stream = await opened.Transport.OpenTargetAsync("acme/0123.acme.tool-1.0.0.upkg", 4000, Ct);
        Assert.Equal(1000, stream.Length - stream.Position);
        await using var escaped = await opened.Transport.OpenTargetAsync("acme/4567.acme.tool-1.0.1%2Bb.1.upkg", 0, Ct);
        Assert.Equal(5000, escaped.Length);
    }

    [Theory]
    [InlineData("in the first header")]
    [InlineData("in a target's data")]
    [InlineData("in a metadata file")]
    public async Task RefusesATruncatedBundleAndLeavesNothingBehind(string where)
    {
        byte[] target = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 13))];
        var targetPath = Path.Combine(_folder.FullName, "package.upkg");
        await File.WriteAllBytesAsync(targetPath, target, Ct);
        var acmeMetadata = "{\"acme\":\"metadata file\"}"u8.ToArray();
        var metadata = new Dictionary<string, byte[]> { ["timestamp.json"] = "{\"t\":1}"u8.ToArray(), ["2.acme.json"] = acmeMetadata };
        var bundle = Path.Combine(_folder.FullName, "whole.bundle");
        await BundleWriter.WriteAsync(bundle, new BundleIndex(BundleIndex.CurrentFormat, ["acme/acme.tool-1.0.0.upkg"]), metadata,
            new Dictionary<string, string> { ["acme/0123.acme.tool-1.0.0.upkg"] = targetPath }, Ct);
        var bytes = await File.ReadAllBytesAsync(bundle, Ct);
        var cut = where switch
        {
            "in the first header" => 100,
            "in a target's data" => bytes.AsSpan().IndexOf(target) + (target.Length / 2),
            _ => bytes.AsSpan().IndexOf(acmeMetadata) + (acmeMetadata.Length / 2),
        };
        Assert.InRange(cut, 100, bytes.Length - 1);
        await File.WriteAllBytesAsync(bundle, bytes[..cut], Ct);
        var work = Path.Combine(_folder.FullName, "work");

        var refused = await Assert.ThrowsAsync<BundleFormatException>(() => OfflineBundle.OpenAsync(bundle, work, new BundleLimits(), Ct));

        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        Assert.False(Directory.Exists(work) && Directory.EnumerateFileSystemEntries(work).Any());
    }

    private string Write(Action<TarWriter> entries)
    {
        var path = Path.Combine(_folder.FullName, Guid.NewGuid().ToString("N") + ".bundle");
        using (var file = File.Create(path))
        using (var tar = new TarWriter(file, TarEntryFormat.Pax, leaveOpen: true))
        {
            entries(tar);
        }

        return path;
    }

    private static void Add(TarWriter tar, string name, byte[] content) =>
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });

    public void Dispose() => _folder.Delete(recursive: true);
}
