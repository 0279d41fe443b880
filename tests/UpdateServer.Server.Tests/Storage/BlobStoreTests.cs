using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using UpdateServer.Server.Storage;
using UpdateServer.Server.Tests.Support;

namespace UpdateServer.Server.Tests.Storage;

/// <summary>The contract of <see cref="IBlobStore"/>, on the store this run's backend uses (files, or Azure Blob Storage on Azurite).</summary>
public sealed class BlobStoreTests : ServerTestBase
{
    private IBlobStore Store
    {
        get
        {
            _ = Server.BaseAddress;
            return Server.Services.GetRequiredService<IBlobStore>();
        }
    }

    [Fact]
    public async Task StoresAndReadsBackTheSameBytes()
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var key = BlobKeys.ForTarget(Convert.ToHexStringLower(SHA256.HashData(bytes)));

        await Store.PutAsync(key, new MemoryStream(bytes), Ct);
        await using var read = await Store.OpenReadAsync(key, Ct);

        Assert.NotNull(read);
        Assert.Equal(bytes.Length, read.Length);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy, Ct);
        Assert.Equal(bytes, copy.ToArray());
        Assert.True(await Store.ExistsAsync(key, Ct));
    }

    [Fact]
    public async Task ReadsFromWhereverItIsSeekedTo()
    {
        var bytes = RandomNumberGenerator.GetBytes(100_000);
        await Store.PutAsync("targets/seek", new MemoryStream(bytes), Ct);
        await using var read = await Store.OpenReadAsync("targets/seek", Ct);
        var buffer = new byte[1000];

        read!.Seek(50_000, SeekOrigin.Begin);
        await read.ReadExactlyAsync(buffer, Ct);
        var first = buffer.ToArray();
        read.Position = 10;
        await read.ReadExactlyAsync(buffer.AsMemory(0, 10), Ct);

        Assert.Equal(bytes[50_000..51_000], first);
        Assert.Equal(bytes[10..20], buffer[..10]);
    }

    [Theory]
    [InlineData(0, 100_000)]
    [InlineData(40_000, 1)]
    [InlineData(99_990, 10)]
    [InlineData(12_345, 60_000)]
    public async Task OpensExactlyTheRangeAskedFor(int offset, int length)
    {
        var bytes = RandomNumberGenerator.GetBytes(100_000);
        await Store.PutAsync("targets/range", new MemoryStream(bytes), Ct);

        await using var read = await Store.OpenRangeAsync("targets/range", offset, length, Ct);

        Assert.NotNull(read);
        var buffer = new byte[length];
        await read.ReadExactlyAsync(buffer, Ct);
        Assert.Equal(bytes.AsSpan(offset, length).ToArray(), buffer);
    }

    [Fact]
    public async Task OpensAnEmptyRangeOfAPresentBlobAndNoRangeOfAnAbsentOne()
    {
        await Store.PutAsync("targets/empty-range", new MemoryStream([1, 2, 3]), Ct);

        await using var empty = await Store.OpenRangeAsync("targets/empty-range", 0, 0, Ct);

        Assert.NotNull(empty);
        Assert.Null(await Store.OpenRangeAsync("targets/absent", 0, 0, Ct));
        Assert.Null(await Store.OpenRangeAsync("targets/absent", 0, 10, Ct));
    }

    [Fact]
    public async Task StoringAKeyAgainKeepsTheFirstBytes()
    {
        await Store.PutAsync("targets/twice", new MemoryStream([1, 2, 3]), Ct);

        await Store.PutAsync("targets/twice", new MemoryStream([9, 9, 9, 9]), Ct);

        await using var read = await Store.OpenReadAsync("targets/twice", Ct);
        Assert.Equal(3, read!.Length);
    }

    [Fact]
    public async Task AnAbsentBlobReadsAsNullAndDeletingItTwiceIsFine()
    {
        await Store.PutAsync("targets/gone", new MemoryStream([1]), Ct);

        await Store.DeleteAsync("targets/gone", Ct);
        await Store.DeleteAsync("targets/gone", Ct);

        Assert.Null(await Store.OpenReadAsync("targets/gone", Ct));
        Assert.False(await Store.ExistsAsync("targets/gone", Ct));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("targets/../../escape")]
    [InlineData("/absolute")]
    [InlineData("Targets/UPPER")]
    public async Task RefusesKeysOutsideTheKeyAlphabet(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(key, new MemoryStream([1]), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync(key, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenRangeAsync(key, 0, 1, Ct));
    }
}
