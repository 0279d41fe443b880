using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using UpdateServer.Packaging.Trust;
using UpdateServer.Server.Repository;
using UpdateServer.Server.Storage;
using UpdateServer.Server.Storage.FileSystem;

namespace UpdateServer.Server.Tests.Repository;

/// <summary><see cref="TargetResponse"/> over a real blob folder: chunk boundaries, and a blob that does not hold what its listing says.</summary>
public sealed class TargetResponseTests : IDisposable
{
    private const int Chunk = 16 * 1024;
    private readonly string _root = Directory.CreateTempSubdirectory("target-response-").FullName;

    [Theory]
    [InlineData(null, 0, 100_000)]
    [InlineData("bytes=16383-32768", 16_383, 16_386)]
    [InlineData("bytes=-40000", 60_000, 40_000)]
    public async Task CopiesExactlyTheBytesAskedForAcrossChunks(string? range, int from, int count)
    {
        var content = RandomNumberGenerator.GetBytes(100_000);
        var (target, blobs) = await StoreAsync(content, content);
        var context = Context(range);

        await new TargetResponse(target, blobs, "no-cache", Chunk).ExecuteAsync(context);

        Assert.Equal(content.AsSpan(from, count).ToArray(), ((MemoryStream)context.Response.Body).ToArray());
        Assert.Equal(count, context.Response.ContentLength);
    }

    [Fact]
    public async Task ThrowsRatherThanEndAShortBlobAsIfItWereWhole()
    {
        var listed = RandomNumberGenerator.GetBytes(50_000);
        var (target, blobs) = await StoreAsync(listed, listed[..30_000]);
        var context = Context(range: null);

        var error = await Assert.ThrowsAsync<IOException>(() => new TargetResponse(target, blobs, "no-cache", Chunk).ExecuteAsync(context));

        Assert.Contains("20000 bytes before its listed length of 50000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendsNoMoreThanTheListedLengthOfALongerBlob()
    {
        var listed = RandomNumberGenerator.GetBytes(20_000);
        var (target, blobs) = await StoreAsync(listed, [.. listed, .. RandomNumberGenerator.GetBytes(5_000)]);
        var context = Context(range: null);

        await new TargetResponse(target, blobs, "no-cache", Chunk).ExecuteAsync(context);

        Assert.Equal(listed, ((MemoryStream)context.Response.Body).ToArray());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Lists <paramref name="listed"/> as the target and stores <paramref name="stored"/> as its blob.</summary>
    private async Task<(ListedTarget Target, IBlobStore Blobs)> StoreAsync(byte[] listed, byte[] stored)
    {
        var blobs = new FileSystemBlobStore(_root);
        var sha256 = FileHashes.Sha256Hex(listed);
        using var content = new MemoryStream(stored);
        await blobs.PutAsync(BlobKeys.ForTarget(sha256), content, TestContext.Current.CancellationToken);
        return (new ListedTarget("acme/acme.large-1.0.0.upkg", sha256, listed.Length), blobs);
    }

    private static DefaultHttpContext Context(string? range)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Response.Body = new MemoryStream();
        if (range is not null)
        {
            context.Request.Headers.Range = range;
        }

        return context;
    }
}
