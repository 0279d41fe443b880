using UpdateServer.Packaging.Packages;

namespace UpdateServer.Packaging.Tests.Packages;

public sealed class MaliciousPackageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(MaliciousArchives.Names), MemberType = typeof(MaliciousArchives))]
    public async Task ExtractionRefusesAndLeavesNothingBehind(string name)
    {
        using var temp = new TempFolder();
        var destination = temp.Join("destination");
        var package = new MemoryStream(MaliciousArchives.Build(name, temp.Path));

        var error = await Assert.ThrowsAnyAsync<PackageException>(() => PackageExtractor.ExtractAsync(package, destination, Token));

        Assert.Equal(MaliciousArchives.ExpectedProblem(name), error.Problem);
        Assert.IsType(MaliciousArchives.ExpectedException(name), error);
        Assert.Empty(temp.List());
    }

    [Theory]
    [MemberData(nameof(MaliciousArchives.Names), MemberType = typeof(MaliciousArchives))]
    public async Task ExtractionIntoAnExistingFolderRefusesAndEmptiesIt(string name)
    {
        using var temp = new TempFolder();
        var destination = Directory.CreateDirectory(temp.Join("destination")).FullName;
        var package = new MemoryStream(MaliciousArchives.Build(name, temp.Path));

        var error = await Assert.ThrowsAnyAsync<PackageException>(() => PackageExtractor.ExtractAsync(package, destination, Token));

        Assert.Equal(MaliciousArchives.ExpectedProblem(name), error.Problem);
        Assert.Equal(["destination"], temp.List());
    }

    [Theory]
    [MemberData(nameof(MaliciousArchives.Names), MemberType = typeof(MaliciousArchives))]
    public async Task VerificationRefusesWithTheSameProblem(string name)
    {
        using var temp = new TempFolder();
        var package = new MemoryStream(MaliciousArchives.Build(name, temp.Path));

        var error = await Assert.ThrowsAnyAsync<PackageException>(() => PackageReader.VerifyAsync(package, Token));

        Assert.Equal(MaliciousArchives.ExpectedProblem(name), error.Problem);
        Assert.IsType(MaliciousArchives.ExpectedException(name), error);
    }

    [Fact]
    public async Task EntryLargerThanDeclaredIsNeverWrittenBeyondItsDeclaredSize()
    {
        using var temp = new TempFolder();
        var package = new MemoryStream(MaliciousArchives.Build("EntryLargerThanDeclared", temp.Path));

        var error = await Assert.ThrowsAsync<UnsafePackageEntryException>(() => PackageReader.VerifyAsync(package, Token));

        Assert.Equal("payload/small", error.EntryPath);
        Assert.Contains("100000 bytes of data where 3 are declared", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostileNamesCannotForgeLinesInErrorMessages()
    {
        var package = new HandMadeArchive()
            .Manifest(PackageSamples.Manifest())
            .File("payload/x\r2026-01-01 INFO all good\u001b[0m", [1])
            .ToGzip();

        var error = await Assert.ThrowsAsync<UnsafePackageEntryException>(() => PackageReader.VerifyAsync(new MemoryStream(package), Token));

        Assert.Equal(PackageProblem.UnsafePath, error.Problem);
        Assert.DoesNotContain('\r', error.Message);
        Assert.DoesNotContain('\u001b', error.Message);
        Assert.Contains("payload/x\\u000d2026", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public async Task CorruptCompressedDataIsRefusedAsAPackageProblemNotARawError(double where)
    {
        using var temp = new TempFolder();
        var bytes = new MemoryStream();
        await PackageBuilder.WriteAsync(PackageSamples.CreateSource(temp), bytes, Token);
        var corrupt = bytes.ToArray();
        var offset = (int)(corrupt.Length * where);
        for (var i = offset; i < offset + 16; i++)
        {
            corrupt[i] ^= 0x5A;
        }

        var error = await Assert.ThrowsAnyAsync<PackageException>(() => PackageExtractor.ExtractAsync(new MemoryStream(corrupt), temp.Join("destination"), Token));

        Assert.Contains(error.Problem, new[] { PackageProblem.NotAnArchive, PackageProblem.HashMismatch });
        Assert.False(Directory.Exists(temp.Join("destination")));
    }
}
